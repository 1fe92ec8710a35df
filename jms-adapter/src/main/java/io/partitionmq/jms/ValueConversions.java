package io.partitionmq.jms;

import jakarta.jms.MessageFormatException;

/**
 * The conversion table of Jakarta Messaging 3.5.4 and 3.11.3: which stored value types may be read as which
 * type. A String is parsed as the number or boolean asked for; a missing value reads as false, null, or throws
 * NumberFormatException for numbers, as {@code Boolean.valueOf(null)} and {@code Integer.valueOf(null)} do.
 */
final class ValueConversions {
    private ValueConversions() {
    }

    static boolean toBoolean(Object value, String what) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return Boolean.parseBoolean((String) value);
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw cannotConvert(value, what, "boolean");
    }

    static byte toByte(Object value, String what) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.parseByte((String) value);
        }
        throw cannotConvert(value, what, "byte");
    }

    static short toShort(Object value, String what) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.parseShort((String) value);
        }
        throw cannotConvert(value, what, "short");
    }

    static char toChar(Object value, String what) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException(what + " is null and cannot be read as char");
        }
        throw cannotConvert(value, what, "char");
    }

    static int toInt(Object value, String what) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.parseInt((String) value);
        }
        throw cannotConvert(value, what, "int");
    }

    static long toLong(Object value, String what) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.parseLong((String) value);
        }
        throw cannotConvert(value, what, "long");
    }

    static float toFloat(Object value, String what) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null) {
            throw new NullPointerException(what + " is null and cannot be read as float");
        }
        if (value instanceof String s) {
            return Float.parseFloat(s);
        }
        throw cannotConvert(value, what, "float");
    }

    static double toDouble(Object value, String what) throws MessageFormatException {
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value == null) {
            throw new NullPointerException(what + " is null and cannot be read as double");
        }
        if (value instanceof String s) {
            return Double.parseDouble(s);
        }
        throw cannotConvert(value, what, "double");
    }

    static String toText(Object value, String what) throws MessageFormatException {
        if (value instanceof byte[]) {
            throw cannotConvert(value, what, "String");
        }
        return value == null ? null : value.toString();
    }

    static byte[] toBytes(Object value, String what) throws MessageFormatException {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        throw cannotConvert(value, what, "byte[]");
    }

    private static MessageFormatException cannotConvert(Object value, String what, String type) {
        return new MessageFormatException(what + " holds a " + value.getClass().getSimpleName()
                + ", which cannot be read as " + type);
    }
}
