package com.example.shop;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Issues a run of invoices in one transaction: the messages go out when the transaction commits, and not at all
 * when the business logic fails after sending them.
 */
@Path("invoices")
public class InvoicesResource {
    @Resource(lookup = "jms/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/invoices")
    Queue invoices;

    @POST
    @Transactional
    public Response issue(@QueryParam("run") String run, @QueryParam("count") int count,
            @QueryParam("failAfterSending") boolean failAfterSending) {
        try (JMSContext context = connectionFactory.createContext()) {
            for (int i = 0; i < count; i++) {
                context.createProducer().send(invoices, run + "-" + i);
            }
        }
        if (failAfterSending) {
            throw new WebApplicationException("the ledger refused run " + run, Response.Status.CONFLICT);
        }
        return Response.ok().build();
    }
}
