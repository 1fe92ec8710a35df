package io.partitionmq.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Splits a selector into tokens: literals, identifiers, keywords and operators. */
final class SelectorLexer {
    enum Kind { STRING, LONG, DOUBLE, IDENTIFIER, KEYWORD, OPERATOR, END }

    record Token(Kind kind, String text, Object value, int position) {
        boolean is(String keywordOrOperator) {
            return (kind == Kind.KEYWORD || kind == Kind.OPERATOR) && text.equals(keywordOrOperator);
        }
    }

    private static final Set<String> KEYWORDS = Set.of("NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS",
            "NULL", "TRUE", "FALSE", "ESCAPE");

    private SelectorLexer() {
    }

    static List<Token> tokens(String selector) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = selector.length();
        while (i < length) {
            char c = selector.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= length) {
                        throw new InvalidSelectorException(selector, start, "the string literal is not closed");
                    }
                    char next = selector.charAt(i++);
                    if (next == '\'') {
                        if (i < length && selector.charAt(i) == '\'') {
                            text.append('\'');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        text.append(next);
                    }
                }
                tokens.add(new Token(Kind.STRING, text.toString(), text.toString(), start));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < length && Character.isDigit(selector.charAt(i + 1)))) {
                i = number(selector, i, tokens);
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < length && Character.isJavaIdentifierPart(selector.charAt(i))) {
                    i++;
                }
                String word = selector.substring(start, i);
                String upper = word.toUpperCase(Locale.ROOT);
                tokens.add(KEYWORDS.contains(upper) ? new Token(Kind.KEYWORD, upper, null, start)
                        : new Token(Kind.IDENTIFIER, word, word, start));
            } else {
                String two = i + 1 < length ? selector.substring(i, i + 2) : "";
                if (two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    tokens.add(new Token(Kind.OPERATOR, two, null, i));
                    i += 2;
                } else if ("=<>+-*/(),".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), null, i));
                    i++;
                } else {
                    throw new InvalidSelectorException(selector, i, "unexpected character '" + c + "'");
                }
            }
        }
        tokens.add(new Token(Kind.END, "end of selector", null, length));
        return tokens;
    }

    /**
     * 2^63: as in Java, a literal only after a minus sign ({@code -9223372036854775808}, Long.MIN_VALUE); the
     * parser refuses it anywhere else.
     */
    static final String LONG_MIN_MAGNITUDE = "9223372036854775808";

    /** Java's literal syntax: decimal, hex or octal integers with an optional L, decimals with an exponent. */
    private static int number(String selector, int start, List<Token> tokens) {
        int i = start;
        int length = selector.length();
        if (selector.startsWith("0x", i) || selector.startsWith("0X", i)) {
            i += 2;
            while (i < length && Character.digit(selector.charAt(i), 16) >= 0) {
                i++;
            }
            long value = parseLong(selector, start, selector.substring(start + 2, i), 16);
            i = skipSuffix(selector, i, "lL");
            tokens.add(new Token(Kind.LONG, selector.substring(start, i), value, start));
            return i;
        }
        boolean decimal = false;
        while (i < length && (Character.isDigit(selector.charAt(i)) || selector.charAt(i) == '.')) {
            decimal |= selector.charAt(i) == '.';
            i++;
        }
        if (i < length && (selector.charAt(i) == 'e' || selector.charAt(i) == 'E')) {
            decimal = true;
            i++;
            if (i < length && (selector.charAt(i) == '+' || selector.charAt(i) == '-')) {
                i++;
            }
            while (i < length && Character.isDigit(selector.charAt(i))) {
                i++;
            }
        }
        String digits = selector.substring(start, i);
        if (i < length && "fFdD".indexOf(selector.charAt(i)) >= 0) {
            decimal = true;
            i++;
        }
        if (decimal) {
            try {
                tokens.add(new Token(Kind.DOUBLE, digits, Double.parseDouble(digits), start));
            } catch (NumberFormatException e) {
                throw new InvalidSelectorException(selector, start, "'" + digits + "' is not a number");
            }
            return i;
        }
        long value = digits.length() > 1 && digits.startsWith("0") ? parseLong(selector, start, digits, 8)
                : digits.equals(LONG_MIN_MAGNITUDE) ? Long.MIN_VALUE : parseLong(selector, start, digits, 10);
        i = skipSuffix(selector, i, "lL");
        tokens.add(new Token(Kind.LONG, digits, value, start));
        return i;
    }

    private static long parseLong(String selector, int position, String digits, int radix) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new InvalidSelectorException(selector, position, "'" + digits + "' is not a whole number");
        }
    }

    private static int skipSuffix(String selector, int i, String suffixes) {
        return i < selector.length() && suffixes.indexOf(selector.charAt(i)) >= 0 ? i + 1 : i;
    }
}
