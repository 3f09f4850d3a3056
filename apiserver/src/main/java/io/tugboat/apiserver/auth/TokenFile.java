package io.tugboat.apiserver.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static bearer tokens, {@code --token-auth-file}, in Kubernetes' CSV format: one user per line,
 * <pre>
 *   token,user,uid,"group1,group2"
 *   31ada4fd-adec-460c-809a-9e56ceb75269,alice,1001,"dev,ops"
 *   8a3b7c...,ci-bot,1002
 * </pre>
 * The first three columns are required, the groups column is optional (quote it when it lists several). The
 * file is read once at start; change it and restart the API server. Tokens are compared only with each other:
 * no message, log line or exception this class produces contains one.
 */
public final class TokenFile {
    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

    private final Map<String, UserInfo> users;

    private TokenFile(Map<String, UserInfo> users) {
        this.users = Map.copyOf(users);
    }

    /** Reads {@code file}. @throws IOException naming the line (never the token) that is not valid */
    public static TokenFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the file's text; {@code source} names it in messages. */
    public static TokenFile parse(String text, String source) throws IOException {
        Map<String, UserInfo> users = new HashMap<>();
        int record = 0;
        for (List<String> fields : csv(text, source)) {
            record++;
            if (fields.size() < 3) {
                throw new IOException("token file '" + source + "' must have at least 3 columns (token, user name, "
                        + "user uid), found " + fields.size() + " in record " + record);
            }
            String token = fields.get(0);
            if (token.isEmpty()) {
                log.warn("empty token has been found in token file '{}', record number '{}'", source, record);
                continue;
            }
            if (users.containsKey(token)) {
                log.warn("duplicate token has been found in token file '{}', record number '{}'", source, record);
            }
            List<String> groups = fields.size() >= 4 ? List.of(fields.get(3).split(",", -1)) : List.of();
            users.put(token, new UserInfo(fields.get(1), fields.get(2), groups, Map.of()));
        }
        return new TokenFile(users);
    }

    /** The user whose token this is. */
    public Optional<UserInfo> user(String token) {
        return Optional.ofNullable(users.get(token));
    }

    public int size() {
        return users.size();
    }

    /** RFC 4180 records: fields separated by commas, optionally double-quoted ({@code ""} is a quote inside). */
    static List<List<String>> csv(String text, String source) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
                line++;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IOException("token file '" + source + "': unterminated quoted field at line " + line);
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
