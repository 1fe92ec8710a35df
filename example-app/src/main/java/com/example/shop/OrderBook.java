package com.example.shop;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The orders the shop has processed, in the order it processed them. */
@Singleton
public class OrderBook {
    private final List<String> processed = new ArrayList<>();

    @Lock(LockType.WRITE)
    public void record(String order) {
        processed.add(order);
    }

    @Lock(LockType.READ)
    public List<String> processed() {
        return List.copyOf(processed);
    }
}
