package com.example.shop;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** Processes orders from the orders queue. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/orders"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class OrderListener implements MessageListener {
    @Inject
    OrderBook book;

    @Override
    public void onMessage(Message message) {
        try {
            book.record(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable order", e);
        }
    }
}
