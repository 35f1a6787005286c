package dev.zielwerk.connectors.destination;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The SSRF guard for URLs a user configures on a destination (a webhook URL, a CMS
 * catalogue URL, an API base URL that points to a fake): only {@code http} and
 * {@code https}, and, unless private networks are allowed, only hosts whose EVERY address
 * is public. A host name that resolves to one loopback, private, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast or unspecified
 * address is refused, so a name with a public and a private record cannot slip through.
 * <p>
 * Checked when a destination is stored or changed and again whenever its client is
 * opened. A name that changes its answer between that resolution and a later connection
 * (DNS rebinding) is not caught here.
 */
public final class DestinationUrls {

	/** Settings that hold a URL the service will call. */
	public static final Set<String> URL_SETTINGS = Set.of("url", "baseUrl", "catalogueUrl");

	private final boolean allowPrivateNetworks;

	private final Function<String, List<InetAddress>> resolver;

	private DestinationUrls(boolean allowPrivateNetworks, Function<String, List<InetAddress>> resolver) {
		this.allowPrivateNetworks = allowPrivateNetworks;
		this.resolver = resolver;
	}

	/**
	 * A guard that resolves host names with the system resolver.
	 * @param allowPrivateNetworks whether private and loopback addresses are allowed
	 * (local development, tests with fakes on loopback)
	 * @return the guard
	 */
	public static DestinationUrls of(boolean allowPrivateNetworks) {
		return new DestinationUrls(allowPrivateNetworks, DestinationUrls::resolve);
	}

	/**
	 * A guard with another resolver (tests of names with several records).
	 * @param allowPrivateNetworks whether private addresses are allowed
	 * @param resolver host name to every address it resolves to
	 * @return the guard
	 */
	public static DestinationUrls of(boolean allowPrivateNetworks, Function<String, List<InetAddress>> resolver) {
		return new DestinationUrls(allowPrivateNetworks, resolver);
	}

	/**
	 * Checks every URL setting of a destination. Blocks while resolving: call it off the
	 * event loop.
	 * @param settings the non-secret settings
	 * @throws IllegalArgumentException naming the setting and why it is refused
	 */
	public void checkSettings(Map<String, ?> settings) {
		settings.forEach((name, value) -> {
			if (URL_SETTINGS.contains(name) && value != null) {
				check(name, String.valueOf(value));
			}
		});
	}

	/**
	 * Checks one URL.
	 * @param setting the setting's name, for the message
	 * @param url the URL
	 * @throws IllegalArgumentException naming the setting and why it is refused
	 */
	public void check(String setting, String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("setting " + setting + " is not a URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException(
					"setting " + setting + " must be an http or https URL, not '" + scheme + "'");
		}
		String host = uri.getHost();
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("setting " + setting + " has no host");
		}
		if (this.allowPrivateNetworks) {
			return;
		}
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		List<InetAddress> addresses = this.resolver.apply(bare);
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("setting " + setting + ": host " + host + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				throw new IllegalArgumentException("setting " + setting + ": host " + host + " resolves to "
						+ address.getHostAddress()
						+ ", a private, loopback or link-local address (zielwerk.connectors.allow-private-networks"
						+ " is false)");
			}
		}
	}

	/**
	 * Whether an address is reachable on the public internet.
	 * @param address the address
	 * @return {@code false} for loopback, private, link-local, CGNAT, unique-local,
	 * multicast and unspecified addresses
	 */
	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24
			// IETF
			// protocol assignments, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved
			return first != 0 && !(first == 100 && second >= 64 && second < 128)
					&& !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
					&& !(first == 198 && (second == 18 || second == 19)) && first < 240;
		}
		if (address instanceof Inet6Address) {
			// fc00::/7 unique local; ::ffff:0:0/96 (mapped IPv4) is turned into an
			// Inet4Address by Java already
			return (bytes[0] & 0xfe) != 0xfc;
		}
		return true;
	}

	private static List<InetAddress> resolve(String host) {
		try {
			return List.of(InetAddress.getAllByName(host));
		}
		catch (UnknownHostException ex) {
			return List.of();
		}
	}

}
