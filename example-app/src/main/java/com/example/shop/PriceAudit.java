package com.example.shop;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Singleton;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;

/** Keeps an audit trail of price updates through a durable subscription, so none is missed across restarts. */
public final class PriceAudit {
    private PriceAudit() {
    }

    /** The audited price updates. */
    @Singleton
    public static class Trail {
        private final List<String> entries = new ArrayList<>();

        @Lock(LockType.WRITE)
        public void add(String entry) {
            entries.add(entry);
        }

        @Lock(LockType.READ)
        public List<String> entries() {
            return List.copyOf(entries);
        }
    }

    /** The durable subscriber. */
    @MessageDriven(activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/prices"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "price-audit")
    })
    public static class Listener implements MessageListener {
        @EJB
        Trail trail;

        @Override
        public void onMessage(Message message) {
            try {
                trail.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new IllegalStateException("unreadable price update", e);
            }
        }
    }
}
