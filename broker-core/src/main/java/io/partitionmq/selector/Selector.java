package io.partitionmq.selector;

import io.partitionmq.selector.SelectorLexer.Kind;
import io.partitionmq.selector.SelectorLexer.Token;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A parsed message selector: the SQL-92 conditional expression subset of Jakarta Messaging 3.8.1, with its
 * three-valued logic (a comparison involving an unknown value or mismatched types is unknown, and a message is
 * selected only when the whole selector is true). A recursive-descent parser builds the expression tree once;
 * matching then only walks it.
 */
public final class Selector {
    /** What an expression evaluates to: Boolean (null for unknown), Long or Double, String, or null. */
    interface Expression {
        Object evaluate(Function<String, Object> values);
    }

    /** What the parser knows of an expression's type, to refuse selectors that can never make sense. */
    private enum Type { BOOLEAN, NUMERIC, STRING, ANY }

    private record Typed(Expression expression, Type type, boolean identifier) {
    }

    private final String text;
    private final Expression root;

    private Selector(String text, Expression root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a selector; throws {@link InvalidSelectorException} saying what is wrong and where. */
    public static Selector parse(String selector) {
        return new Parser(selector).parse();
    }

    /** Whether a message with these values (header fields and properties by name) is selected. */
    public boolean matches(Function<String, Object> values) {
        return Boolean.TRUE.equals(root.evaluate(values));
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String selector;
        private final List<Token> tokens;
        private int next;

        Parser(String selector) {
            this.selector = selector;
            this.tokens = SelectorLexer.tokens(selector);
        }

        Selector parse() {
            Typed expression = or();
            if (tokens.get(next).kind() != Kind.END) {
                throw error(tokens.get(next), "unexpected '" + tokens.get(next).text() + "'");
            }
            requireType(expression, Type.BOOLEAN, tokens.get(0), "a selector must be a condition");
            return new Selector(selector, expression.expression());
        }

        private Token peek() {
            return tokens.get(next);
        }

        private boolean accept(String keywordOrOperator) {
            if (peek().is(keywordOrOperator)) {
                next++;
                return true;
            }
            return false;
        }

        private Token expect(String keywordOrOperator) {
            Token token = peek();
            if (!token.is(keywordOrOperator)) {
                throw error(token, "expected " + keywordOrOperator + " but found '" + token.text() + "'");
            }
            next++;
            return token;
        }

        private InvalidSelectorException error(Token at, String problem) {
            return new InvalidSelectorException(selector, at.position(), problem);
        }

        private void requireType(Typed typed, Type wanted, Token at, String problem) {
            if (typed.type() != wanted && typed.type() != Type.ANY) {
                throw error(at, problem);
            }
        }

        private Typed or() {
            Token at = peek();
            Typed left = and();
            while (accept("OR")) {
                Typed right = and();
                requireType(left, Type.BOOLEAN, at, "OR joins conditions");
                requireType(right, Type.BOOLEAN, at, "OR joins conditions");
                Expression a = left.expression();
                Expression b = right.expression();
                left = new Typed(values -> {
                    Object x = a.evaluate(values);
                    if (Boolean.TRUE.equals(x)) {
                        return true;
                    }
                    Object y = b.evaluate(values);
                    if (Boolean.TRUE.equals(y)) {
                        return true;
                    }
                    return Boolean.FALSE.equals(x) && Boolean.FALSE.equals(y) ? false : null;
                }, Type.BOOLEAN, false);
            }
            return left;
        }

        private Typed and() {
            Token at = peek();
            Typed left = not();
            while (accept("AND")) {
                Typed right = not();
                requireType(left, Type.BOOLEAN, at, "AND joins conditions");
                requireType(right, Type.BOOLEAN, at, "AND joins conditions");
                Expression a = left.expression();
                Expression b = right.expression();
                left = new Typed(values -> {
                    Object x = a.evaluate(values);
                    if (Boolean.FALSE.equals(x)) {
                        return false;
                    }
                    Object y = b.evaluate(values);
                    if (Boolean.FALSE.equals(y)) {
                        return false;
                    }
                    return Boolean.TRUE.equals(x) && Boolean.TRUE.equals(y) ? true : null;
                }, Type.BOOLEAN, false);
            }
            return left;
        }

        private Typed not() {
            Token at = peek();
            if (accept("NOT")) {
                Typed operand = not();
                requireType(operand, Type.BOOLEAN, at, "NOT takes a condition");
                Expression a = operand.expression();
                return new Typed(values -> {
                    Object x = a.evaluate(values);
                    return x instanceof Boolean b ? !b : null;
                }, Type.BOOLEAN, false);
            }
            return predicate();
        }

        private Typed predicate() {
            Token at = peek();
            Typed left = additive();
            boolean negated = accept("NOT");
            if (accept("BETWEEN")) {
                Typed low = additive();
                expect("AND");
                Typed high = additive();
                for (Typed operand : List.of(left, low, high)) {
                    requireType(operand, Type.NUMERIC, at, "BETWEEN compares numbers");
                }
                Expression value = left.expression();
                Expression from = low.expression();
                Expression to = high.expression();
                return negate(negated, values -> and3(compare(value.evaluate(values), from.evaluate(values), ">="),
                        compare(value.evaluate(values), to.evaluate(values), "<=")));
            }
            if (accept("IN")) {
                requireIdentifier(left, at, "IN");
                expect("(");
                Set<String> members = new java.util.HashSet<>();
                do {
                    Token member = peek();
                    if (member.kind() != Kind.STRING) {
                        throw error(member, "IN lists string literals");
                    }
                    next++;
                    members.add((String) member.value());
                } while (accept(","));
                expect(")");
                Expression value = left.expression();
                return negate(negated, values -> {
                    Object x = value.evaluate(values);
                    return x instanceof String s ? members.contains(s) : null;
                });
            }
            if (accept("LIKE")) {
                requireIdentifier(left, at, "LIKE");
                Token pattern = peek();
                if (pattern.kind() != Kind.STRING) {
                    throw error(pattern, "LIKE takes a string pattern");
                }
                next++;
                Character escape = null;
                if (accept("ESCAPE")) {
                    Token escapeToken = peek();
                    if (escapeToken.kind() != Kind.STRING || ((String) escapeToken.value()).length() != 1) {
                        throw error(escapeToken, "ESCAPE takes a single-character string");
                    }
                    next++;
                    escape = ((String) escapeToken.value()).charAt(0);
                }
                Pattern regex = likePattern((String) pattern.value(), escape, pattern);
                Expression value = left.expression();
                return negate(negated, values -> {
                    Object x = value.evaluate(values);
                    return x instanceof String s ? regex.matcher(s).matches() : null;
                });
            }
            if (negated) {
                throw error(peek(), "NOT here must be followed by BETWEEN, IN or LIKE");
            }
            if (accept("IS")) {
                boolean notNull = accept("NOT");
                expect("NULL");
                Expression value = left.expression();
                return new Typed(values -> (value.evaluate(values) == null) != notNull, Type.BOOLEAN, false);
            }
            for (String operator : List.of("=", "<>", "<=", ">=", "<", ">")) {
                if (accept(operator)) {
                    Typed right = additive();
                    checkComparable(left, right, operator, at);
                    Expression a = left.expression();
                    Expression b = right.expression();
                    return new Typed(values -> compare(a.evaluate(values), b.evaluate(values), operator),
                            Type.BOOLEAN, false);
                }
            }
            return left;
        }

        private void requireIdentifier(Typed left, Token at, String operator) {
            if (!left.identifier()) {
                throw error(at, operator + " applies to an identifier");
            }
        }

        private void checkComparable(Typed left, Typed right, String operator, Token at) {
            boolean ordering = !operator.equals("=") && !operator.equals("<>");
            for (Typed side : List.of(left, right)) {
                if (ordering && (side.type() == Type.STRING || side.type() == Type.BOOLEAN)) {
                    throw error(at, "strings and booleans can only be compared with = and <>");
                }
            }
            if (left.type() != Type.ANY && right.type() != Type.ANY && left.type() != right.type()) {
                throw error(at, "cannot compare a " + left.type().name().toLowerCase(java.util.Locale.ROOT)
                        + " with a " + right.type().name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        private static Typed negate(boolean negated, Expression condition) {
            return new Typed(negated ? values -> {
                Object x = condition.evaluate(values);
                return x instanceof Boolean b ? !b : null;
            } : condition, Type.BOOLEAN, false);
        }

        private Typed additive() {
            Typed left = multiplicative();
            while (peek().is("+") || peek().is("-")) {
                Token operator = tokens.get(next++);
                left = arithmetic(left, multiplicative(), operator);
            }
            return left;
        }

        private Typed multiplicative() {
            Typed left = unary();
            while (peek().is("*") || peek().is("/")) {
                Token operator = tokens.get(next++);
                left = arithmetic(left, unary(), operator);
            }
            return left;
        }

        private Typed arithmetic(Typed left, Typed right, Token operator) {
            requireType(left, Type.NUMERIC, operator, operator.text() + " takes numbers");
            requireType(right, Type.NUMERIC, operator, operator.text() + " takes numbers");
            Expression a = left.expression();
            Expression b = right.expression();
            String op = operator.text();
            return new Typed(values -> calculate(a.evaluate(values), b.evaluate(values), op), Type.NUMERIC, false);
        }

        private Typed unary() {
            Token at = peek();
            if (accept("-")) {
                if (peek().kind() == Kind.LONG && peek().text().equals(SelectorLexer.LONG_MIN_MAGNITUDE)) {
                    next++;
                    return constant(Long.MIN_VALUE, Type.NUMERIC);
                }
                Typed operand = unary();
                requireType(operand, Type.NUMERIC, at, "- takes a number");
                Expression a = operand.expression();
                return new Typed(values -> {
                    Object x = a.evaluate(values);
                    return x instanceof Long l ? (Object) (-l) : x instanceof Double d ? (Object) (-d) : null;
                }, Type.NUMERIC, false);
            }
            if (accept("+")) {
                Typed operand = unary();
                requireType(operand, Type.NUMERIC, at, "+ takes a number");
                return operand;
            }
            return primary();
        }

        private Typed primary() {
            Token token = peek();
            next++;
            switch (token.kind()) {
                case STRING:
                    return constant(token.value(), Type.STRING);
                case LONG:
                    if (token.text().equals(SelectorLexer.LONG_MIN_MAGNITUDE)) {
                        throw error(token, "'" + token.text() + "' is not a whole number (only its negative is)");
                    }
                    return constant(token.value(), Type.NUMERIC);
                case DOUBLE:
                    return constant(token.value(), Type.NUMERIC);
                case IDENTIFIER:
                    String name = token.text();
                    return new Typed(values -> normalize(values.apply(name)), Type.ANY, true);
                case KEYWORD:
                    if (token.is("TRUE") || token.is("FALSE")) {
                        return constant(token.is("TRUE"), Type.BOOLEAN);
                    }
                    if (token.is("NULL")) {
                        throw error(token, "NULL is only allowed in IS [NOT] NULL");
                    }
                    throw error(token, "unexpected keyword " + token.text());
                case OPERATOR:
                    if (token.is("(")) {
                        Typed inner = or();
                        expect(")");
                        return new Typed(inner.expression(), inner.type(), false);
                    }
                    throw error(token, "unexpected '" + token.text() + "'");
                default:
                    throw error(token, "the selector ends too early");
            }
        }

        private static Typed constant(Object value, Type type) {
            return new Typed(values -> value, type, false);
        }

        private Pattern likePattern(String pattern, Character escape, Token at) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (escape != null && c == escape) {
                    if (++i >= pattern.length()) {
                        throw error(at, "the pattern ends with its escape character");
                    }
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    /** Property values as the selector sees them: whole numbers as Long, decimals as Double. */
    static Object normalize(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Long || value instanceof Double || value instanceof String || value instanceof Boolean) {
            return value;
        }
        return null;
    }

    private static Object and3(Object x, Object y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return Boolean.TRUE.equals(x) && Boolean.TRUE.equals(y) ? true : null;
    }

    static Object compare(Object a, Object b, String operator) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            int order = x instanceof Long && y instanceof Long ? Long.compare(x.longValue(), y.longValue())
                    : Double.compare(x.doubleValue(), y.doubleValue());
            return switch (operator) {
                case "=" -> order == 0;
                case "<>" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
        if (a.getClass() != b.getClass() || !(operator.equals("=") || operator.equals("<>"))) {
            return null;
        }
        return operator.equals("=") == Objects.equals(a, b);
    }

    private static Object calculate(Object a, Object b, String operator) {
        if (!(a instanceof Number x) || !(b instanceof Number y)) {
            return null;
        }
        if (x instanceof Long && y instanceof Long) {
            long l = x.longValue();
            long r = y.longValue();
            return switch (operator) {
                case "+" -> l + r;
                case "-" -> l - r;
                case "*" -> l * r;
                default -> r == 0 ? null : (Object) (l / r);
            };
        }
        double l = x.doubleValue();
        double r = y.doubleValue();
        return switch (operator) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            default -> l / r;
        };
    }
}
