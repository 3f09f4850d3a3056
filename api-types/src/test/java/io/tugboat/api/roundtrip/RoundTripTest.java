package io.tugboat.api.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JavaType;
import io.tugboat.api.Codec;
import io.tugboat.api.DecodeException;
import io.tugboat.api.Decoded;
import io.tugboat.api.ResourceKind;
import io.tugboat.api.ResourceKinds;
import io.tugboat.api.autoscaling.Scale;
import io.tugboat.api.core.Binding;
import io.tugboat.api.meta.DeleteOptions;
import io.tugboat.api.meta.KubernetesObject;
import io.tugboat.api.meta.ListMeta;
import io.tugboat.api.meta.ObjectList;
import io.tugboat.api.meta.Status;
import io.tugboat.api.meta.Table;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The codec's central promise, checked as a property over random objects of every kind: whatever the object
 * model can hold comes back unchanged from JSON and from YAML, with no field reported unknown, and encodes to
 * the same bytes every time (the API server compares encodings to skip no-op updates).
 *
 * <p>Each run draws a new suite seed, so over many runs the generator explores far more than 300 objects a
 * kind. A failure names the kind, the object's own seed and the suite seed; rerun with
 * {@code -Dtugboat.roundtrip.seed=<suite seed>} to get the same objects, or rebuild the one object with
 * {@code new RandomObjects(objectSeed).next(Type.class)}.
 */
class RoundTripTest {

    static final int OBJECTS_PER_KIND = 300;

    private static final long SUITE_SEED = Long.getLong("tugboat.roundtrip.seed", new Random().nextLong());

    /**
     * A top-level type under test, with the apiVersion and kind its objects must carry to be decoded by them;
     * null for types that are only ever decoded by their Java type, whose apiVersion and kind stay random.
     */
    private record Root(Class<?> type, String apiVersion, String kind) {
    }

    /** Every stored kind, then the request and response bodies that are decoded on their own. */
    private static List<Root> roots() {
        List<Root> roots = new ArrayList<>();
        for (ResourceKind<?> kind : ResourceKinds.all()) {
            roots.add(new Root(kind.type(), kind.apiVersion(), kind.kind()));
        }
        roots.add(new Root(Binding.class, Binding.API_VERSION, Binding.KIND));
        roots.add(new Root(Scale.class, Scale.API_VERSION, Scale.KIND));
        roots.add(new Root(Status.class, null, null));
        roots.add(new Root(DeleteOptions.class, null, null));
        roots.add(new Root(Table.class, null, null));
        return roots;
    }

    @TestFactory
    Stream<DynamicTest> everyKindSurvivesJsonAndYamlUnchanged() {
        return roots().stream().map(root -> dynamicTest(root.type().getSimpleName() + " survives JSON and YAML unchanged",
                // Objects are independent, so both cores can work on them.
                () -> IntStream.range(0, OBJECTS_PER_KIND).parallel().forEach(i -> {
                    long seed = objectSeed(root.type(), i);
                    assertSurvives(generate(root, seed), root.type(), root.type().getSimpleName() + " #" + i, seed);
                })));
    }

    @Test
    void listsOfEveryKindSurviveJsonAndYamlUnchanged() {
        List<ResourceKind<?>> kinds = ResourceKinds.all();
        IntStream.range(0, OBJECTS_PER_KIND).parallel().forEach(i -> {
            ResourceKind<?> kind = kinds.get(i % kinds.size());
            long seed = objectSeed(ObjectList.class, i);
            RandomObjects random = new RandomObjects(seed);
            List<Object> items = new ArrayList<>();
            int size = i % 4;
            for (int j = 0; j < size; j++) {
                items.add(((KubernetesObject) random.next(kind.type())).withApiVersion(kind.apiVersion()).withKind(kind.kind()));
            }
            ObjectList<Object> list = new ObjectList<>(kind.apiVersion(), kind.listKind(), random.next(ListMeta.class), items);
            assertListSurvives(list, kind.type(), kind.listKind() + " #" + i, seed);
        });
    }

    /**
     * The generator must reach every field of the model, or the round trip above proves nothing about the
     * fields it misses. Walks the types from every root and checks each record component got a non-null
     * value at least once in a modest sample.
     */
    @Test
    void generatorFillsEveryFieldOfEveryReachableRecord() {
        Set<String> filled = new HashSet<>();
        Set<String> reachable = new TreeSet<>();
        for (Root root : roots()) {
            collectComponents(root.type(), reachable);
            for (int i = 0; i < 50; i++) {
                new RandomObjects(SUITE_SEED + i, filled).next(root.type());
            }
        }
        reachable.removeAll(filled);
        assertEquals(Set.of(), reachable, "fields the generator never filled (suite seed " + SUITE_SEED + ")");
    }

    /** The seed of object {@code i} of a type: fixed by the suite seed, independent of the order of work. */
    private static long objectSeed(Class<?> type, int i) {
        return new Random(SUITE_SEED ^ type.getName().hashCode() * 0x9E3779B97F4A7C15L ^ i).nextLong();
    }

    private static Object generate(Root root, long seed) {
        Object object = new RandomObjects(seed).next(root.type());
        if (object instanceof KubernetesObject k && root.kind() != null) {
            // Decoding by apiVersion/kind needs the real ones; random strings fill them everywhere else.
            return k.withApiVersion(root.apiVersion()).withKind(root.kind());
        }
        return object;
    }

    /**
     * Decodes {@code object}'s JSON and YAML and checks each gives back an equal object, with no unknown field,
     * that encodes to the very same bytes. Encoding an equal copy covers "encoding twice gives identical bytes"
     * and more: two equal objects must never encode differently.
     */
    private static <T> void assertSurvives(Object object, Class<T> type, String name, long seed) {
        String context = context(name, seed);
        byte[] json = Codec.toJson(object);
        String jsonText = new String(json, StandardCharsets.UTF_8);
        Decoded<? extends T> fromJson = decode(context, "JSON", jsonText, () -> Codec.fromJson(json, type));
        assertDecodedEqual(object, fromJson, context, "JSON", jsonText);
        assertEquals(jsonText, Codec.toJsonString(fromJson.value()), context + ": encoding an equal object gave different JSON");

        String yaml = Codec.toYaml(object);
        Decoded<?> fromYaml = decode(context, "YAML", yaml, () -> object instanceof KubernetesObject
                ? Codec.decodeObject(yaml.getBytes(StandardCharsets.UTF_8), true)
                : Codec.fromYaml(yaml, type));
        assertDecodedEqual(object, fromYaml, context, "YAML", yaml);
        assertEquals(yaml, Codec.toYaml(fromYaml.value()), context + ": encoding an equal object gave different YAML");
    }

    private static void assertListSurvives(ObjectList<Object> list, Class<?> itemType, String name, long seed) {
        String context = context(name, seed);
        byte[] json = Codec.toJson(list);
        String yaml = Codec.toYaml(list);
        assertTrue(Arrays.equals(json, Codec.toJson(list)), context + ": encoding twice gave different JSON");
        assertEquals(yaml, Codec.toYaml(list), context + ": encoding twice gave different YAML");

        Decoded<?> fromJson = decode(context, "JSON", new String(json, StandardCharsets.UTF_8),
                () -> Codec.listFromJson(json, itemType));
        assertDecodedEqual(list, fromJson, context, "JSON", new String(json, StandardCharsets.UTF_8));

        // There is no typed list decoder for YAML (kubectl never reads lists back), so go through the tree.
        JavaType listType = Codec.json().getTypeFactory().constructParametricType(ObjectList.class, itemType);
        Decoded<?> fromYaml = decode(context, "YAML", yaml, () -> {
            try {
                return new Decoded<>(Codec.json().readerFor(listType)
                        .readValue(Codec.readTree(yaml.getBytes(StandardCharsets.UTF_8), true)), List.of());
            } catch (java.io.IOException e) {
                throw new DecodeException(e.getMessage(), null, e);
            }
        });
        assertDecodedEqual(list, fromYaml, context, "YAML", yaml);
    }

    private interface Decoder<T> {
        Decoded<? extends T> decode() throws DecodeException;
    }

    private static <T> Decoded<? extends T> decode(String context, String format, String encoded, Decoder<T> decoder) {
        try {
            return decoder.decode();
        } catch (DecodeException e) {
            return fail(context + ": cannot decode its own " + format + ": " + e.getMessage() + "\n" + format + ":\n" + encoded, e);
        }
    }

    private static void assertDecodedEqual(Object expected, Decoded<?> decoded, String context, String format, String encoded) {
        RecordDiff.firstDifference(expected, decoded.value()).ifPresent(difference ->
                fail(context + ": the " + format + " round trip changed " + difference + "\n" + format + ":\n" + encoded));
        assertEquals(List.of(), decoded.unknownFields(),
                context + ": decoding its own " + format + " reported unknown fields\n" + format + ":\n" + encoded);
    }

    private static String context(String name, long seed) {
        return name + " (object seed " + seed + "L, suite seed " + SUITE_SEED
                + ": rerun with -Dtugboat.roundtrip.seed=" + SUITE_SEED + ")";
    }

    /** {@code Type.component} for every component of every record reachable from {@code type}. */
    private static void collectComponents(Type type, Set<String> out) {
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                collectComponents(argument, out);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !c.isRecord()) {
            return;
        }
        for (RecordComponent component : c.getRecordComponents()) {
            if (out.add(c.getSimpleName() + "." + component.getName())) {
                collectComponents(component.getGenericType(), out);
            }
        }
    }
}
