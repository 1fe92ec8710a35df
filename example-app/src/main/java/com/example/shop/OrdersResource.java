package com.example.shop;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Takes orders over HTTP and queues them; lists the orders processed so far. */
@Path("orders")
public class OrdersResource {
    @Resource(lookup = "jms/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/orders")
    Queue orders;

    @Inject
    OrderBook book;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Response place(String order) {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(orders, order);
        }
        return Response.accepted().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> processed() {
        return book.processed();
    }
}
