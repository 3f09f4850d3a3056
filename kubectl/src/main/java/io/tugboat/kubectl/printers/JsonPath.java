package io.tugboat.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * kubectl's JSONPath templates ({@code -o jsonpath=...}, {@code custom-columns}), the subset client-go's
 * {@code util/jsonpath} is mostly used for:
 * <ul>
 *   <li>text outside braces is printed as is; {@code {"\n"}} prints a quoted literal (with {@code \n},
 *       {@code \t} escapes);</li>
 *   <li>fields {@code .a.b}, {@code ['a.b']}, root {@code $} / current {@code @}, wildcard {@code .*} and
 *       {@code [*]}, index {@code [n]} (negative counts from the end), slice {@code [a:b]}, recursive descent
 *       {@code ..name};</li>
 *   <li>filters {@code [?(@.type=="Ready")]} with {@code == != < > <= >=} against a string or number literal,
 *       and existence {@code [?(@.x)]};</li>
 *   <li>{@code {range .items[*]}...{end}} loops.</li>
 * </ul>
 * Several results of one expression are separated by a space; objects and lists print as compact JSON. Missing
 * fields print nothing, as kubectl does with its default {@code --allow-missing-template-keys=true}.
 * Not supported: unions ({@code [a,b]}) and the {@code step} of slices.
 */
public final class JsonPath {

    private sealed interface Node permits Text, Expr, Range {
    }

    private record Text(String text) implements Node {
    }

    private record Expr(List<Segment> path) implements Node {
    }

    private record Range(List<Segment> path, List<Node> body) implements Node {
    }

    private sealed interface Segment permits Field, Index, Slice, Wildcard, Recursive, Filter {
    }

    private record Field(String name) implements Segment {
    }

    private record Index(int index) implements Segment {
    }

    private record Slice(Integer from, Integer to) implements Segment {
    }

    private record Wildcard() implements Segment {
    }

    private record Recursive(String name) implements Segment {
    }

    private record Filter(List<Segment> left, String op, List<Segment> rightPath, String rightLiteral,
                          boolean rightIsString) implements Segment {
    }

    private final List<Node> nodes;

    private JsonPath(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses a template; throws {@link IllegalArgumentException} with kubectl-like wording when malformed. */
    public static JsonPath parse(String template) {
        List<Node> root = new ArrayList<>();
        List<List<Node>> stack = new ArrayList<>();
        List<Range> open = new ArrayList<>();
        List<Node> current = root;
        int i = 0;
        while (i < template.length()) {
            int brace = template.indexOf('{', i);
            if (brace < 0) {
                current.add(new Text(template.substring(i)));
                break;
            }
            if (brace > i) {
                current.add(new Text(template.substring(i, brace)));
            }
            int close = closingBrace(template, brace);
            String action = template.substring(brace + 1, close).trim();
            i = close + 1;
            if (action.matches("range[\\s.$@\\[].*")) {
                Range range = new Range(path(action.substring(5).trim()), new ArrayList<>());
                current.add(range);
                stack.add(current);
                open.add(range);
                current = range.body();
            } else if (action.equals("end")) {
                if (open.isEmpty()) {
                    throw new IllegalArgumentException("not in range, nothing to end");
                }
                open.remove(open.size() - 1);
                current = stack.remove(stack.size() - 1);
            } else if (action.startsWith("\"") || action.startsWith("'")) {
                current.add(new Text(unquote(action)));
            } else {
                current.add(new Expr(path(action)));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("unclosed action: range without end");
        }
        return new JsonPath(root);
    }

    private static int closingBrace(String template, int open) {
        boolean quoted = false;
        char quote = 0;
        for (int j = open + 1; j < template.length(); j++) {
            char c = template.charAt(j);
            if (quoted) {
                if (c == '\\') {
                    j++;
                } else if (c == quote) {
                    quoted = false;
                }
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '}') {
                return j;
            }
        }
        throw new IllegalArgumentException("unclosed action");
    }

    private static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < body.length(); j++) {
            char c = body.charAt(j);
            if (c == '\\' && j + 1 < body.length()) {
                char next = body.charAt(++j);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Parses one path expression such as {@code .items[*].metadata.name}. */
    static List<Segment> path(String expression) {
        List<Segment> segments = new ArrayList<>();
        String s = expression.trim();
        int i = 0;
        if (s.startsWith("$") || s.startsWith("@")) {
            i = 1;
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '.') {
                    int end = nameEnd(s, i + 2);
                    segments.add(new Recursive(s.substring(i + 2, end)));
                    i = end;
                    continue;
                }
                int end = nameEnd(s, i + 1);
                String name = s.substring(i + 1, end);
                if (name.equals("*")) {
                    segments.add(new Wildcard());
                } else if (!name.isEmpty()) {
                    segments.add(new Field(name));
                }
                i = end;
            } else if (c == '[') {
                int end = bracketEnd(s, i);
                segments.add(bracket(s.substring(i + 1, end).trim()));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int end = nameEnd(s, i);
                segments.add(new Field(s.substring(i, end)));
                i = end;
            } else {
                throw new IllegalArgumentException("unrecognized character in action: " + c);
            }
        }
        return segments;
    }

    private static int nameEnd(String s, int from) {
        int j = from;
        while (j < s.length() && s.charAt(j) != '.' && s.charAt(j) != '[') {
            j++;
        }
        return j;
    }

    private static int bracketEnd(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                depth++;
            } else if (!quoted && c == ']' && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unterminated array");
    }

    private static Segment bracket(String inside) {
        if (inside.equals("*")) {
            return new Wildcard();
        }
        if (inside.startsWith("'") || inside.startsWith("\"")) {
            return new Field(unquote(inside));
        }
        if (inside.startsWith("?(") && inside.endsWith(")")) {
            return filter(inside.substring(2, inside.length() - 1).trim());
        }
        int colon = inside.indexOf(':');
        if (colon >= 0) {
            String from = inside.substring(0, colon).trim();
            String rest = inside.substring(colon + 1);
            int second = rest.indexOf(':');
            String to = (second >= 0 ? rest.substring(0, second) : rest).trim();
            return new Slice(from.isEmpty() ? null : Integer.valueOf(from), to.isEmpty() ? null : Integer.valueOf(to));
        }
        try {
            return new Index(Integer.parseInt(inside));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid array index " + inside);
        }
    }

    private static Filter filter(String expression) {
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            int at = indexOutsideQuotes(expression, op);
            if (at > 0) {
                List<Segment> left = path(expression.substring(0, at).trim());
                String right = expression.substring(at + op.length()).trim();
                if (right.startsWith("\"") || right.startsWith("'")) {
                    return new Filter(left, op, null, unquote(right), true);
                }
                if (right.startsWith("@") || right.startsWith("$") || right.startsWith(".")) {
                    return new Filter(left, op, path(right), null, false);
                }
                return new Filter(left, op, null, right, false);
            }
        }
        return new Filter(path(expression), null, null, null, false);
    }

    private static int indexOutsideQuotes(String s, String what) {
        boolean quoted = false;
        for (int j = 0; j + what.length() <= s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'') {
                quoted = !quoted;
            } else if (!quoted && s.startsWith(what, j)) {
                return j;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ evaluation

    /** Runs the template over {@code data} and returns the text. */
    public String execute(JsonNode data) {
        StringBuilder out = new StringBuilder();
        run(nodes, data, data, out);
        return out.toString();
    }

    /** The values one bare path (no braces) selects, for custom columns. */
    public static List<JsonNode> select(String expression, JsonNode data) {
        return evaluate(path(expression), data, data);
    }

    private static void run(List<Node> body, JsonNode root, JsonNode current, StringBuilder out) {
        for (Node node : body) {
            if (node instanceof Text text) {
                out.append(text.text());
            } else if (node instanceof Expr expr) {
                List<JsonNode> values = evaluate(expr.path(), root, current);
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    out.append(text(values.get(i)));
                }
            } else if (node instanceof Range range) {
                for (JsonNode value : evaluate(range.path(), root, current)) {
                    if (value.isArray()) {
                        value.forEach(item -> run(range.body(), root, item, out));
                    } else {
                        run(range.body(), root, value, out);
                    }
                }
            }
        }
    }

    /** How one value prints: strings raw, scalars as text, objects and lists as compact JSON. */
    public static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isContainerNode()) {
            return GoJson.compact(value);
        }
        return value.isNull() ? "<nil>" : value.asText();
    }

    private static List<JsonNode> evaluate(List<Segment> path, JsonNode root, JsonNode current) {
        List<JsonNode> values = new ArrayList<>(List.of(current));
        for (Segment segment : path) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode value : values) {
                step(segment, value, root, next);
            }
            values = next;
        }
        return values;
    }

    private static void step(Segment segment, JsonNode value, JsonNode root, List<JsonNode> next) {
        if (segment instanceof Field field) {
            JsonNode child = value.get(field.name());
            if (child != null) {
                next.add(child);
            }
        } else if (segment instanceof Wildcard) {
            value.elements().forEachRemaining(next::add);
        } else if (segment instanceof Index index && value.isArray()) {
            int at = index.index() < 0 ? value.size() + index.index() : index.index();
            if (at >= 0 && at < value.size()) {
                next.add(value.get(at));
            }
        } else if (segment instanceof Slice slice && value.isArray()) {
            int size = value.size();
            int from = slice.from() == null ? 0 : slice.from() < 0 ? size + slice.from() : slice.from();
            int to = slice.to() == null ? size : slice.to() < 0 ? size + slice.to() : Math.min(slice.to(), size);
            for (int j = Math.max(0, from); j < to; j++) {
                next.add(value.get(j));
            }
        } else if (segment instanceof Recursive recursive) {
            descend(value, recursive.name(), next);
        } else if (segment instanceof Filter filter) {
            Iterator<JsonNode> items = value.isArray() ? value.elements() : List.of(value).iterator();
            items.forEachRemaining(item -> {
                if (matches(filter, root, item)) {
                    next.add(item);
                }
            });
        }
    }

    private static void descend(JsonNode value, String name, List<JsonNode> next) {
        if (value.isObject()) {
            JsonNode child = value.get(name);
            if (child != null) {
                next.add(child);
            }
        }
        value.elements().forEachRemaining(child -> descend(child, name, next));
    }

    private static boolean matches(Filter filter, JsonNode root, JsonNode item) {
        List<JsonNode> left = evaluate(filter.left(), root, item);
        if (filter.op() == null) {
            return !left.isEmpty();
        }
        List<String> rights = new ArrayList<>();
        if (filter.rightPath() != null) {
            evaluate(filter.rightPath(), root, item).forEach(v -> rights.add(text(v)));
        } else {
            rights.add(filter.rightLiteral());
        }
        for (JsonNode l : left) {
            for (String r : rights) {
                if (compare(text(l), r, filter.op(), l.isNumber() && !filter.rightIsString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean compare(String left, String right, String op, boolean numeric) {
        int order;
        if (numeric) {
            try {
                order = Double.compare(Double.parseDouble(left), Double.parseDouble(right));
            } catch (NumberFormatException e) {
                order = left.compareTo(right);
            }
        } else {
            order = left.compareTo(right);
        }
        return switch (op) {
            case "==" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            default -> order >= 0;
        };
    }
}
