package dev.cascade.agent;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns option text into values, failing with a message picocli prints after the option's name.
 * Each converter is a class because picocli instantiates them from the {@code @Option} annotations.
 */
final class OptionConverters {

    private OptionConverters() {
    }

    static final class Server implements ITypeConverter<ServerAddress> {
        @Override
        public ServerAddress convert(String value) {
            return converted(() -> ServerAddress.parse(value));
        }
    }

    /** The fleet keys of a {@link KeyFile}: the current one, and a retired one still in its grace period. */
    static final class FleetKeysFromFile implements ITypeConverter<FleetKeys> {
        @Override
        public FleetKeys convert(String value) {
            return converted(() -> {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("'" + value + "' is not a file");
                }
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("'" + value + "' is not readable by this user");
                }
                WireKey current = KeyFile.current(file, KeyPurpose.FLEET);
                return new FleetKeys(current, KeyFile.read(file).stream().filter(k -> k.purpose() == KeyPurpose.FLEET).toList());
            });
        }
    }

    /** A fleet key written {@code <id>:<base64 of 32 bytes>}. */
    static final class FleetKey implements ITypeConverter<WireKey> {
        @Override
        public WireKey convert(String value) {
            return converted(() -> WireKey.parse(value, KeyPurpose.FLEET));
        }
    }

    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return converted(() -> ByteSize.parse(value));
        }
    }

    static final class Interval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return converted(() -> DurationText.parse(value));
        }
    }

    /** An IPv4 or IPv6 literal; never a name, so that no option triggers a DNS lookup. */
    static final class AddressLiteral implements ITypeConverter<InetAddress> {
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        @Override
        public InetAddress convert(String value) {
            String text = value.trim();
            if (!IPV4.matcher(text).matches() && text.indexOf(':') < 0) {
                throw new TypeConversionException("'" + value + "' is not an IPv4 or IPv6 address");
            }
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new TypeConversionException("'" + value + "' is not an IPv4 or IPv6 address");
            }
        }
    }

    /** standard, vpn or wifi: the office type that decides what discovery may do. */
    static final class OfficeTypeName implements ITypeConverter<DiscoveryPolicy> {
        @Override
        public DiscoveryPolicy convert(String value) {
            return converted(() -> DiscoveryPolicy.parse(value));
        }
    }

    /** {@code CONTENT=COUNT} (every piece held) or {@code CONTENT=COUNT:RANGES}, e.g. {@code app-7=8:0-2,5,7}. */
    static final class Holding implements ITypeConverter<HeldContent> {
        @Override
        public HeldContent convert(String value) {
            return converted(() -> HeldContent.parse(value));
        }
    }

    static final class DeviceClassName implements ITypeConverter<DeviceClass> {
        @Override
        public DeviceClass convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "desktop" -> DeviceClass.DEVICE_CLASS_DESKTOP;
                case "laptop" -> DeviceClass.DEVICE_CLASS_LAPTOP;
                default -> throw new TypeConversionException("'" + value + "' is neither desktop nor laptop");
            };
        }
    }

    static final class OsTypeName implements ITypeConverter<OsType> {
        @Override
        public OsType convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "server" -> OsType.OS_TYPE_SERVER;
                case "workstation" -> OsType.OS_TYPE_WORKSTATION;
                default -> throw new TypeConversionException("'" + value + "' is neither server nor workstation");
            };
        }
    }

    private static <T> T converted(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
