package io.tugboat.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes' two timestamp encodings, both RFC 3339 in UTC:
 * <ul>
 *   <li>{@code metav1.Time}: whole seconds, {@code 2024-05-01T12:00:00Z}. Most timestamps (creationTimestamp,
 *       conditions' lastTransitionTime...) are this; sub-second parts are dropped when encoding, exactly as
 *       Kubernetes does, so a value read back compares equal only at second precision.</li>
 *   <li>{@code metav1.MicroTime}: microseconds, {@code 2024-05-01T12:00:00.123456Z}, used by Lease renew times
 *       and Event eventTime. Fields of that type carry {@code @JsonSerialize(using = MicroTimeSerializer.class)}.</li>
 * </ul>
 * Decoding accepts any RFC 3339 timestamp (offsets, fractions) for both.
 */
public final class Rfc3339 {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssX").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    /** Formats as {@code metav1.Time}: UTC, whole seconds. */
    public static String format(Instant instant) {
        return SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Formats as {@code metav1.MicroTime}: UTC, six fractional digits. */
    public static String formatMicros(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Parses any RFC 3339 timestamp; throws {@link DateTimeParseException} for anything else. */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** Encodes an {@link Instant} as {@code metav1.Time}. */
    public static final class TimeSerializer extends StdScalarSerializer<Instant> {
        public TimeSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    /** Encodes an {@link Instant} as {@code metav1.MicroTime}. */
    public static final class MicroTimeSerializer extends StdScalarSerializer<Instant> {
        public MicroTimeSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(formatMicros(value));
        }
    }

    /** Decodes an RFC 3339 string; JSON {@code null} stays null. */
    public static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        public InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 timestamp");
            }
        }
    }
}
