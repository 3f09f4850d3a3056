package io.tugboat.api;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes YAML that reads back as exactly what was written. Jackson's generator decides on its own whether a
 * string needs quotes, and it knows fewer of YAML 1.1's implicit types than the readers do (SnakeYAML in
 * {@link YamlReader}, go-yaml in kubectl). Left to itself it prints these strings plain:
 * <pre>
 *   1:30           read back as the integer 90 (YAML 1.1 base 60)
 *   190:20:30.15   read back as a float
 *   &lt;&lt;             read back as a merge key, which breaks the document
 *   a&lt;NEL&gt;b        NEL (U+0085) is a line break to a YAML reader: it comes back as a space
 *   0o17           a string to SnakeYAML, but the integer 15 to kubectl's go-yaml
 * </pre>
 * So every string scalar passes through one check before it is written: if YAML's own resolver would not
 * read the plain text as a string, go-yaml would read it as a number, or the text holds a NEL, it is written
 * double-quoted (where NEL is escaped as {@code \N}). Timestamps get quotes as a result too, which is what
 * kubectl prints: {@code creationTimestamp: "2024-05-01T12:00:00Z"}.
 */
final class YamlWriter {
    /** The full YAML 1.1 resolver, timestamps included: anything it does not call a string needs quotes. */
    private static final Resolver RESOLVER = new Resolver();

    /**
     * Integers with a radix prefix that YAML 1.1 does not know but go-yaml (kubectl) reads as numbers anyway,
     * since it parses digits with Go's {@code strconv.ParseInt(s, 0, 64)}: {@code 0o17}, {@code 0X1F}, {@code 0B1}.
     */
    private static final Pattern GO_PREFIXED_INTEGER = Pattern.compile("[-+]?0[oObBxX][0-9a-fA-F_]+");

    private YamlWriter() {
    }

    /** A YAML factory configured by {@code builder} whose generators quote as described above. */
    static YAMLFactory factory(YAMLFactoryBuilder builder) {
        return new Factory(builder);
    }

    /** Whether a string scalar written plain (or in a block) would read back as something else. */
    static boolean needsDoubleQuotes(String text) {
        return text.indexOf('\u0085') >= 0 || RESOLVER.resolve(NodeId.scalar, text, true) != Tag.STR
                || GO_PREFIXED_INTEGER.matcher(text).matches();
    }

    private static final class Factory extends YAMLFactory {
        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        private Factory(Factory source, ObjectCodec codec) {
            super(source, codec);
        }

        @Override
        public YAMLFactory copy() {
            _checkInvalidCopy(Factory.class);
            return new Factory(this, null);
        }

        @Override
        protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
            return _dumperOptions == null
                    ? new Generator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out, _version)
                    : new Generator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out, _dumperOptions);
        }
    }

    private static final class Generator extends YAMLGenerator {
        Generator(IOContext context, int features, int yamlFeatures, StringQuotingChecker quoting, ObjectCodec codec,
                  Writer out, DumperOptions.Version version) throws IOException {
            super(context, features, yamlFeatures, quoting, codec, out, version);
        }

        Generator(IOContext context, int features, int yamlFeatures, StringQuotingChecker quoting, ObjectCodec codec,
                  Writer out, DumperOptions options) throws IOException {
            super(context, features, yamlFeatures, quoting, codec, out, options);
        }

        /** Every key and string value passes here, with the style Jackson chose for it. */
        @Override
        protected void _writeScalar(String value, String type, DumperOptions.ScalarStyle style) throws IOException {
            boolean keepsStyle = !"string".equals(type) || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                    || !needsDoubleQuotes(value);
            super._writeScalar(value, type, keepsStyle ? style : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        }
    }
}
