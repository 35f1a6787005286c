package dev.zielwerk.profile.traits;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code User-Agent} string says about browser, OS and device class. A small
 * hand-written parser for the major browsers and systems; unknown parts stay null rather
 * than guessed.
 */
public record UserAgent(@Nullable String browser, @Nullable String browserVersion, @Nullable String os,
		@Nullable String osVersion, String deviceType) {

	private static final Pattern BOT = Pattern.compile("(?i)bot|crawler|spider|slurp|headless");

	private static final String[][] BROWSERS = { { "Edge", "EdgA/" }, { "Edge", "EdgiOS/" }, { "Edge", "Edg/" },
			{ "Edge", "Edge/" }, { "Opera", "OPR/" }, { "Samsung Internet", "SamsungBrowser/" },
			{ "Firefox", "FxiOS/" }, { "Firefox", "Firefox/" }, { "Chrome", "CriOS/" }, { "Chrome", "Chrome/" },
			{ "Internet Explorer", "MSIE " }, { "Internet Explorer", "Trident/" } };

	private static final Pattern WINDOWS = Pattern.compile("Windows NT (\\d+\\.\\d+)");

	private static final Pattern IOS = Pattern.compile("(?:iPhone|CPU) OS (\\d+(?:_\\d+)*)");

	private static final Pattern ANDROID = Pattern.compile("Android (\\d+(?:\\.\\d+)*)");

	private static final Pattern MAC = Pattern.compile("Mac OS X (\\d+(?:[_.]\\d+)*)");

	private static final Pattern IE_VERSION = Pattern.compile("(?:MSIE |rv:)(\\d+(?:\\.\\d+)?)");

	public static UserAgent parse(String userAgent) {
		String browser = null;
		String version = null;
		for (String[] candidate : BROWSERS) {
			int at = userAgent.indexOf(candidate[1]);
			if (at >= 0) {
				browser = candidate[0];
				version = browser.equals("Internet Explorer") ? group(IE_VERSION.matcher(userAgent))
						: versionAt(userAgent, at + candidate[1].length());
				break;
			}
		}
		if (browser == null && userAgent.contains("Safari/")) {
			browser = "Safari";
			int at = userAgent.indexOf("Version/");
			version = (at >= 0) ? versionAt(userAgent, at + "Version/".length()) : null;
		}
		String[] os = os(userAgent);
		return new UserAgent(browser, version, os[0], os[1], deviceType(userAgent));
	}

	/** As technographic traits; null parts are left out. */
	public Map<String, Object> traits() {
		Map<String, Object> traits = new LinkedHashMap<>();
		putIfPresent(traits, "browser", this.browser);
		putIfPresent(traits, "browserVersion", this.browserVersion);
		putIfPresent(traits, "os", this.os);
		putIfPresent(traits, "osVersion", this.osVersion);
		traits.put("deviceType", this.deviceType);
		return traits;
	}

	private static String[] os(String ua) {
		Matcher windows = WINDOWS.matcher(ua);
		if (windows.find()) {
			return new String[] { "Windows", windowsVersion(windows.group(1)) };
		}
		if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
			String v = group(IOS.matcher(ua));
			return new String[] { "iOS", (v != null) ? v.replace('_', '.') : null };
		}
		if (ua.contains("Android")) {
			return new String[] { "Android", group(ANDROID.matcher(ua)) };
		}
		if (ua.contains("CrOS")) {
			return new String[] { "Chrome OS", null };
		}
		if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
			String v = group(MAC.matcher(ua));
			return new String[] { "macOS", (v != null) ? v.replace('_', '.') : null };
		}
		if (ua.contains("Linux")) {
			return new String[] { "Linux", null };
		}
		return new String[] { null, null };
	}

	private static String windowsVersion(String nt) {
		return switch (nt) {
			case "10.0" -> "10";
			case "6.3" -> "8.1";
			case "6.2" -> "8";
			case "6.1" -> "7";
			default -> "NT " + nt;
		};
	}

	private static String deviceType(String ua) {
		if (BOT.matcher(ua).find()) {
			return "bot";
		}
		String lower = ua.toLowerCase(Locale.ROOT);
		if (ua.contains("iPad") || lower.contains("tablet") || (ua.contains("Android") && !ua.contains("Mobile"))) {
			return "tablet";
		}
		if (ua.contains("Mobi") || ua.contains("iPhone") || ua.contains("iPod") || ua.contains("Android")) {
			return "mobile";
		}
		return "desktop";
	}

	private static @Nullable String versionAt(String ua, int start) {
		int end = start;
		while (end < ua.length() && (Character.isDigit(ua.charAt(end)) || ua.charAt(end) == '.')) {
			end++;
		}
		return (end > start) ? ua.substring(start, end) : null;
	}

	private static @Nullable String group(Matcher matcher) {
		return matcher.find() ? matcher.group(1) : null;
	}

	private static void putIfPresent(Map<String, Object> traits, String name, @Nullable String value) {
		if (value != null) {
			traits.put(name, value);
		}
	}

}
