package com.example.shop;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** Follows price updates published on the prices topic. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/prices"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic")
})
public class PriceListener implements MessageListener {
    @Inject
    PriceBoard board;

    @Override
    public void onMessage(Message message) {
        try {
            board.update(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable price update", e);
        }
    }
}
