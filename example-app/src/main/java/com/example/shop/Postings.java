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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Posts account movements. Movements of one account carry the account as their JMSXGroupID; four bean instances
 * post in parallel, and each account's movements must be posted in the order they were published.
 */
public final class Postings {
    private Postings() {
    }

    /** The movement numbers posted, per account, in posting order. */
    @Singleton
    public static class Journal {
        private final Map<String, List<Integer>> byAccount = new TreeMap<>();

        @Lock(LockType.WRITE)
        public void post(String account, int movement) {
            byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(movement);
        }

        @Lock(LockType.READ)
        public Map<String, List<Integer>> byAccount() {
            Map<String, List<Integer>> copy = new TreeMap<>();
            byAccount.forEach((account, movements) -> copy.put(account, List.copyOf(movements)));
            return copy;
        }

        @Lock(LockType.READ)
        public int posted() {
            return byAccount.values().stream().mapToInt(List::size).sum();
        }
    }

    /** The poster: a shared durable subscription consumed by four instances at once. */
    @MessageDriven(activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/postings"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "posting"),
            @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4")
    })
    public static class Poster implements MessageListener {
        @EJB
        Journal journal;

        @Override
        public void onMessage(Message message) {
            try {
                journal.post(message.getStringProperty("JMSXGroupID"), message.getIntProperty("movement"));
            } catch (JMSException e) {
                throw new IllegalStateException("unreadable movement", e);
            }
        }
    }
}
