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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settles payments. The payment gateway fails the first attempt of every payment (a transient error), so each
 * payment is settled on its redelivery; it refuses "unpayable" ones every time, which end in the dead-letter queue.
 */
public final class Payments {
    private Payments() {
    }

    /** Payments attempted and settled, with the redelivery flag seen when settling. */
    @Singleton
    public static class Ledger {
        private final Set<String> attempted = new HashSet<>();
        private final List<String> settled = new ArrayList<>();

        /** Whether this is the payment's first attempt (which the gateway fails). */
        @Lock(LockType.WRITE)
        public boolean firstAttempt(String payment) {
            return attempted.add(payment);
        }

        @Lock(LockType.WRITE)
        public void settle(String entry) {
            settled.add(entry);
        }

        @Lock(LockType.READ)
        public List<String> settled() {
            return List.copyOf(settled);
        }
    }

    /** The payment processor. */
    @MessageDriven(activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/payments"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
    })
    public static class Processor implements MessageListener {
        @EJB
        Ledger ledger;

        @Override
        public void onMessage(Message message) {
            try {
                String payment = ((TextMessage) message).getText();
                if (payment.startsWith("unpayable")) {
                    throw new IllegalStateException("the gateway refuses " + payment + " every time");
                }
                if (ledger.firstAttempt(payment)) {
                    throw new IllegalStateException("payment gateway timed out for " + payment);
                }
                ledger.settle(payment + " redelivered=" + message.getJMSRedelivered() + " count="
                        + message.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                throw new IllegalStateException("unreadable payment", e);
            }
        }
    }
}
