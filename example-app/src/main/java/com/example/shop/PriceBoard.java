package com.example.shop;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The price updates the shop has heard of. */
@Singleton
public class PriceBoard {
    private final List<String> updates = new ArrayList<>();

    @Lock(LockType.WRITE)
    public void update(String price) {
        updates.add(price);
    }

    @Lock(LockType.READ)
    public List<String> updates() {
        return List.copyOf(updates);
    }
}
