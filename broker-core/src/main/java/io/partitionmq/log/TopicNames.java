package io.partitionmq.log;

import java.util.regex.Pattern;

/** The rules for a legal topic name: Kafka's (ASCII letters, digits, '.', '_', '-'; at most 249 characters). */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {
    }

    /** Returns the name if it is legal; otherwise throws {@link InvalidTopicException} saying why. */
    public static String requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("topic name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("topic name '" + name.substring(0, 20) + "...' is " + name.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("topic name must not be '.' or '..'");
        }
        if (!LEGAL.matcher(name).matches()) {
            throw new InvalidTopicException("topic name '" + name
                    + "' contains an illegal character; allowed are ASCII letters, digits, '.', '_' and '-'");
        }
        return name;
    }
}
