package io.tugboat.kubectl.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.tugboat.api.Codec;
import io.tugboat.kubectl.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The objects {@code -f} names, as kubectl reads them: a file, every {@code .yaml}/{@code .yml}/{@code .json}
 * file of a directory (its subdirectories too with {@code -R}), {@code -} for standard input, or an
 * {@code http(s)://} URL. A file may hold several YAML documents, and a {@code kind: List} is unpacked.
 */
public final class Manifests {

    /**
     * One object and where it came from (for messages such as {@code error when creating "web.yaml"}).
     *
     * @param source the file name as given, {@code STDIN}, or the URL
     * @param object the object as written
     */
    public record Manifest(String source, JsonNode object) {
    }

    private Manifests() {
    }

    /** Reads every object every {@code -f} value names, in order. */
    public static List<Manifest> read(List<String> filenames, boolean recursive, InputStream stdin) {
        if (filenames == null || filenames.isEmpty()) {
            throw new CliException("must specify one of -f and -k");
        }
        List<Manifest> manifests = new ArrayList<>();
        for (String name : filenames) {
            if (name.equals("-")) {
                manifests.addAll(parse("STDIN", readAll(stdin)));
            } else if (name.startsWith("http://") || name.startsWith("https://")) {
                manifests.addAll(parse(name, download(name)));
            } else {
                Path path = Path.of(name);
                if (!Files.exists(path)) {
                    throw new CliException("the path \"" + name + "\" does not exist");
                }
                if (Files.isDirectory(path)) {
                    for (Path file : filesIn(path, recursive)) {
                        manifests.addAll(parse(file.toString(), readFile(file)));
                    }
                } else {
                    manifests.addAll(parse(name, readFile(path)));
                }
            }
        }
        if (manifests.isEmpty()) {
            throw new CliException("no objects passed to apply");
        }
        return manifests;
    }

    private static List<Path> filesIn(Path dir, boolean recursive) {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CliException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** Every object in one YAML or JSON text, {@code List}s unpacked. */
    public static List<Manifest> parse(String source, String text) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Codec.yaml().readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new CliException("error validating \"" + source + "\": the document is not an object");
                }
                if (document.path("kind").asText().endsWith("List") && document.has("items")) {
                    document.path("items").forEach(item -> manifests.add(new Manifest(source, item)));
                } else {
                    manifests.add(new Manifest(source, document));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw new CliException("error parsing " + source + ": " + e.getMessage());
        }
        return manifests;
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read standard input: " + e.getMessage());
        }
    }

    private static String download(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("unable to read URL \"" + url + "\", server reported " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new CliException("unable to read URL \"" + url + "\": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while reading " + url);
        }
    }
}
