package dev.zielwerk.profile.traits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentTests {

	@Test
	void chromeOnWindows() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.130 Safari/537.36"))
			.isEqualTo(new UserAgent("Chrome", "120.0.6099.130", "Windows", "10", "desktop"));
	}

	@Test
	void edgeIsNotMistakenForChrome() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91"))
			.isEqualTo(new UserAgent("Edge", "120.0.2210.91", "Windows", "10", "desktop"));
	}

	@Test
	void firefoxOnLinux() {
		assertThat(UserAgent.parse("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"))
			.isEqualTo(new UserAgent("Firefox", "121.0", "Linux", null, "desktop"));
	}

	@Test
	void safariOnIphone() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1"))
			.isEqualTo(new UserAgent("Safari", "17.1.2", "iOS", "17.1.2", "mobile"));
	}

	@Test
	void chromeOnIpadIsATablet() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1"))
			.isEqualTo(new UserAgent("Chrome", "120.0.6099.119", "iOS", "17.1", "tablet"));
	}

	@Test
	void samsungBrowserOnAndroidPhone() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36"))
			.isEqualTo(new UserAgent("Samsung Internet", "23.0", "Android", "13", "mobile"));
	}

	@Test
	void androidWithoutMobileIsATablet() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (Linux; Android 12; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36")
			.deviceType()).isEqualTo("tablet");
	}

	@Test
	void operaAndInternetExplorer() {
		assertThat(UserAgent.parse(
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0")
			.browser()).isEqualTo("Opera");
		assertThat(UserAgent.parse("Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko"))
			.isEqualTo(new UserAgent("Internet Explorer", "11.0", "Windows", "7", "desktop"));
	}

	@Test
	void crawlersAreBotsAndUnknownAgentsStayUnknown() {
		assertThat(UserAgent.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
			.deviceType()).isEqualTo("bot");
		assertThat(UserAgent.parse("curl/8.5.0")).isEqualTo(new UserAgent(null, null, null, null, "desktop"));
	}

}
