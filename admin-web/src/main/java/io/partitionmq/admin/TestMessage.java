package io.partitionmq.admin;

import java.util.Map;

/** The body of POST /api/topics/{name}/messages: a text, optional string properties and group id. */
public record TestMessage(String text, Map<String, String> properties, String groupId) {
}
