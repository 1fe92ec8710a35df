package io.partitionmq.selector;

/** A message selector that does not follow the grammar of Jakarta Messaging 3.8.1; the message says where. */
public class InvalidSelectorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSelectorException(String selector, int position, String problem) {
        super("invalid selector \"" + selector + "\" at position " + (position + 1) + ": " + problem);
    }
}
