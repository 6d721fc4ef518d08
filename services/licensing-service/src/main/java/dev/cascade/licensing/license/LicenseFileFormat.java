package dev.cascade.licensing.license;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The license file: one JSON object with exactly the fields of docs/licensing.md. Reading checks
 * every field and names the first one that is wrong; nothing else is accepted (unknown or repeated
 * fields are refused, since no signature would cover them).
 */
public final class LicenseFileFormat {

    /** The one instant layout the signed bytes use, e.g. {@code 2027-01-01T00:00:00Z}. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);
    private static final Pattern INSTANT_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern LICENSE_KEY = Pattern.compile("[A-Z0-9][A-Z0-9-]{3,63}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    public static final long MAX_SEATS = 1_000_000_000L;
    public static final int MAX_CUSTOMER_LENGTH = 200;
    private static final Set<String> FIELDS = Set.of("format", "license_key", "customer", "seats", "valid_from",
            "valid_until", "issued_at", "key_id", "signature");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private LicenseFileFormat() {
    }

    /** Reads a license file, or throws {@link LicenseRefusal#MALFORMED} naming the field. */
    public static LicenseDocument read(String text) {
        if (text == null || text.isBlank()) {
            throw LicenseRefusedException.malformed("the license file is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw LicenseRefusedException.malformed("the license file is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw LicenseRefusedException.malformed("the license file must be one JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw LicenseRefusedException.malformed("unknown field '" + name + "': a license file has exactly the fields "
                        + "format, license_key, customer, seats, valid_from, valid_until, issued_at, key_id, signature");
            }
        }
        String format = text(root, "format");
        if (!LicenseDocument.FORMAT.equals(format)) {
            throw LicenseRefusedException.malformed("field 'format' is '" + format + "', expected '" + LicenseDocument.FORMAT + "'");
        }
        String licenseKey = matching(root, "license_key", LICENSE_KEY,
                "4 to 64 upper-case letters, digits and dashes, starting with a letter or digit");
        String customer = customer(text(root, "customer"));
        long seats = seats(root);
        Instant validFrom = instant(root, "valid_from");
        Instant validUntil = instant(root, "valid_until");
        if (!validFrom.isBefore(validUntil)) {
            throw LicenseRefusedException.malformed("field 'valid_until' (" + instant(validUntil)
                    + ") must be after 'valid_from' (" + instant(validFrom) + ")");
        }
        Instant issuedAt = instant(root, "issued_at");
        String keyId = matching(root, "key_id", KEY_ID, "16 lower-case hex digits");
        byte[] signature = signature(text(root, "signature"));
        return new LicenseDocument(licenseKey, customer, seats, validFrom, validUntil, issuedAt, keyId, signature);
    }

    /** The file text of a (signed) license, fields in the documented order. */
    public static String write(LicenseDocument license) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", LicenseDocument.FORMAT);
        fields.put("license_key", license.licenseKey());
        fields.put("customer", license.customer());
        fields.put("seats", license.seats());
        fields.put("valid_from", instant(license.validFrom()));
        fields.put("valid_until", instant(license.validUntil()));
        fields.put("issued_at", instant(license.issuedAt()));
        fields.put("key_id", license.keyId());
        fields.put("signature", Base64.getEncoder().encodeToString(license.signature()));
        ObjectNode node = JSON.valueToTree(fields);
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a license file", e);
        }
    }

    /** An instant as the file and the signed bytes hold it: whole seconds, UTC. */
    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /** Parses the file's instant layout; throws naming {@code field} otherwise. */
    public static Instant parseInstant(String field, String value) {
        if (value == null || !INSTANT_TEXT.matcher(value).matches()) {
            throw LicenseRefusedException.malformed("field '" + field + "' is '" + value
                    + "', expected an instant in UTC to the second, e.g. 2027-01-01T00:00:00Z");
        }
        try {
            return Instant.from(INSTANT.parse(value));
        } catch (DateTimeParseException e) {
            throw LicenseRefusedException.malformed("field '" + field + "' is '" + value + "', which is not a date and time");
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw LicenseRefusedException.malformed("field '" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw LicenseRefusedException.malformed("field '" + field + "' must be a string");
        }
        return node.textValue();
    }

    private static String matching(JsonNode root, String field, Pattern pattern, String expected) {
        String value = text(root, field);
        if (!pattern.matcher(value).matches()) {
            throw LicenseRefusedException.malformed("field '" + field + "' is '" + value + "', expected " + expected);
        }
        return value;
    }

    private static String customer(String value) {
        if (value.isEmpty() || value.length() > MAX_CUSTOMER_LENGTH) {
            throw LicenseRefusedException.malformed("field 'customer' must have 1 to " + MAX_CUSTOMER_LENGTH + " characters");
        }
        if (!value.strip().equals(value)) {
            throw LicenseRefusedException.malformed("field 'customer' must not start or end with white space");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw LicenseRefusedException.malformed("field 'customer' must not contain control characters (line breaks, tabs)");
        }
        return value;
    }

    private static long seats(JsonNode root) {
        JsonNode node = root.get("seats");
        if (node == null || node.isNull()) {
            throw LicenseRefusedException.malformed("field 'seats' is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1 || node.longValue() > MAX_SEATS) {
            throw LicenseRefusedException.malformed("field 'seats' is " + node + ", expected a whole number from 1 to " + MAX_SEATS);
        }
        return node.longValue();
    }

    private static Instant instant(JsonNode root, String field) {
        return parseInstant(field, text(root, field));
    }

    private static byte[] signature(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw LicenseRefusedException.malformed("field 'signature' is not base64: " + e.getMessage());
        }
        if (bytes.length != 64) {
            throw LicenseRefusedException.malformed("field 'signature' holds " + bytes.length + " bytes, expected an Ed25519 signature of 64");
        }
        return bytes;
    }
}
