package io.tugboat.api.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a label selector query string into requirements. The grammar, as in Kubernetes'
 * {@code labels.Parse}:
 * <pre>
 *   selector    ::= "" | requirement ("," requirement)*
 *   requirement ::= "!" KEY
 *                 | KEY
 *                 | KEY ("=" | "==" | "!=" | ">" | "<") [VALUE]
 *                 | KEY ("in" | "notin") "(" [VALUE] ("," [VALUE])* ")"
 * </pre>
 * KEY and VALUE are runs of characters other than whitespace and {@code = ! ( ) , > <}; a missing
 * VALUE is the empty string. {@code in} and {@code notin} are keywords only where an operator is
 * expected, so {@code env in (in)} works.
 *
 * <p>The parser works on a list of tokens with one token of look-ahead. Not thread-safe; create
 * one per parse.
 */
final class SelectorParser {

    private enum Kind { IDENTIFIER, IN, NOT_IN, OPEN, CLOSE, COMMA, BANG, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, END }

    private record Token(Kind kind, String text) {
        /** How the token is quoted in error messages. */
        String describe() {
            return kind == Kind.END ? "end of string" : "'" + text + "'";
        }
    }

    private static final String SPECIAL = "=!(),><";

    private final List<Token> tokens;
    private int position;

    SelectorParser(String selector) {
        this.tokens = lex(selector);
    }

    List<Requirement> parse() {
        List<Requirement> requirements = new ArrayList<>();
        if (peekValue().kind() == Kind.END) {
            return requirements;
        }
        while (true) {
            Token start = peekValue();
            if (start.kind() != Kind.IDENTIFIER && start.kind() != Kind.BANG) {
                throw error("found " + start.describe() + ", expected: !, identifier, or end of string");
            }
            requirements.add(parseRequirement());
            Token after = nextValue();
            if (after.kind() == Kind.END) {
                return requirements;
            }
            if (after.kind() != Kind.COMMA) {
                throw error("found " + after.describe() + ", expected: ',' or end of string");
            }
            Token following = peekValue();
            if (following.kind() != Kind.IDENTIFIER && following.kind() != Kind.BANG) {
                throw error("found " + following.describe() + ", expected: identifier after ','");
            }
        }
    }

    private Requirement parseRequirement() {
        boolean negated = peekValue().kind() == Kind.BANG;
        if (negated) {
            nextValue();
        }
        Token key = nextValue();
        if (key.kind() != Kind.IDENTIFIER) {
            throw requirementError("found " + key.describe() + ", expected: identifier");
        }
        Kind following = peekValue().kind();
        if (negated || following == Kind.END || following == Kind.COMMA) {
            // "!key" stands alone; anything after it is reported by the caller.
            return build(key.text(), negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS, Set.of());
        }
        Operator operator = parseOperator();
        Set<String> values = switch (operator) {
            case IN, NOT_IN -> parseValueSet();
            default -> parseSingleValue();
        };
        return build(key.text(), operator, values);
    }

    private Operator parseOperator() {
        Token token = tokens.get(position++);
        return switch (token.kind()) {
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case GREATER -> Operator.GREATER_THAN;
            case LESS -> Operator.LESS_THAN;
            default -> throw requirementError("found " + token.describe() + ", expected: in, notin, =, ==, !=, gt, lt");
        };
    }

    /** {@code "(" [v] ("," [v])* ")"}; an empty slot is the empty string, so "()" is {""}. */
    private Set<String> parseValueSet() {
        Token open = nextValue();
        if (open.kind() != Kind.OPEN) {
            throw requirementError("found " + open.describe() + ", expected: '('");
        }
        Set<String> values = new TreeSet<>();
        boolean slotOpen = true;
        while (true) {
            Token token = nextValue();
            switch (token.kind()) {
                case IDENTIFIER -> {
                    if (!slotOpen) {
                        throw requirementError("found " + token.describe() + ", expected: ',' or ')'");
                    }
                    values.add(token.text());
                    slotOpen = false;
                }
                case COMMA -> {
                    if (slotOpen) {
                        values.add("");
                    }
                    slotOpen = true;
                }
                case CLOSE -> {
                    if (slotOpen) {
                        values.add("");
                    }
                    return values;
                }
                default -> throw requirementError("found " + token.describe() + ", expected: ',', ')' or identifier");
            }
        }
    }

    /** The value after {@code =}, {@code !=} and friends; may be absent, meaning "". */
    private Set<String> parseSingleValue() {
        Kind next = peekValue().kind();
        if (next == Kind.END || next == Kind.COMMA) {
            return Set.of("");
        }
        Token value = nextValue();
        if (value.kind() != Kind.IDENTIFIER) {
            throw requirementError("found " + value.describe() + ", expected: identifier");
        }
        return Set.of(value.text());
    }

    private static Requirement build(String key, Operator operator, Set<String> values) {
        List<String> problems = Requirement.validate(key, operator, values);
        if (!problems.isEmpty()) {
            throw requirementError(String.join("; ", problems));
        }
        return new Requirement(key, operator, values);
    }

    /** The next token where a key or value is expected: keywords read as plain identifiers. */
    private Token peekValue() {
        return asValue(tokens.get(position));
    }

    private Token nextValue() {
        return asValue(tokens.get(position++));
    }

    private static Token asValue(Token token) {
        return token.kind() == Kind.IN || token.kind() == Kind.NOT_IN ? new Token(Kind.IDENTIFIER, token.text()) : token;
    }

    private static IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message);
    }

    private static IllegalArgumentException requirementError(String message) {
        return new IllegalArgumentException("unable to parse requirement: " + message);
    }

    // ---- lexer --------------------------------------------------------------------------------

    private static List<Token> lex(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < s.length() && isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == s.length()) {
                tokens.add(new Token(Kind.END, ""));
                return tokens;
            }
            char c = s.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                // Longest match: "==" and "!=" before "=" and "!".
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=")) {
                    tokens.add(new Token(two.equals("==") ? Kind.DOUBLE_EQUALS : Kind.NOT_EQUALS, two));
                    i += 2;
                } else {
                    tokens.add(new Token(symbolKind(c), String.valueOf(c)));
                    i++;
                }
                continue;
            }
            int start = i;
            while (i < s.length() && !isWhitespace(s.charAt(i)) && SPECIAL.indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            Kind kind = switch (word) {
                case "in" -> Kind.IN;
                case "notin" -> Kind.NOT_IN;
                default -> Kind.IDENTIFIER;
            };
            tokens.add(new Token(kind, word));
        }
    }

    private static Kind symbolKind(char c) {
        return switch (c) {
            case '=' -> Kind.EQUALS;
            case '!' -> Kind.BANG;
            case '(' -> Kind.OPEN;
            case ')' -> Kind.CLOSE;
            case ',' -> Kind.COMMA;
            case '>' -> Kind.GREATER;
            case '<' -> Kind.LESS;
            default -> throw new IllegalStateException("not a symbol: " + c);
        };
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
