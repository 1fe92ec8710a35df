package io.partitionmq.server;

import jakarta.ejb.ApplicationException;

/** The broker of this server is not running (starting, stopping or failed to start). */
@ApplicationException
public class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message) {
        super(message);
    }
}
