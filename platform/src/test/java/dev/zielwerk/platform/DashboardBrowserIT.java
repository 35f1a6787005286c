package dev.zielwerk.platform;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.demo.DemoLoader;
import dev.zielwerk.demo.DemoSegments;
import dev.zielwerk.demo.DemoSettings;
import dev.zielwerk.testsupport.TestDatabase;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small demo population loads end to end (through ingestion into profile-service's
 * tables, through the stream into segment-service's membership), and the live dashboard
 * shows it in a real headless browser (Debian's chromium and chromedriver): the gateway's
 * /dashboard shows the demo segments with their sizes, goes live over graphql-ws, and a
 * person sent through ingestion appears in the feed while their segment's card grows.
 * Saves a screenshot for the README to docs/dashboard.png (another folder with the system
 * property zielwerk.screenshots).
 */
class DashboardBrowserIT {

	private static final String WRITE_KEY = "dashboard-write-key";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void showsTheSegmentsAndALiveMembershipChange() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		TestDatabase database = infrastructure.newDatabase(DashboardBrowserIT.class.getSimpleName());
		var overrides = new java.util.LinkedHashMap<>(PlatformTestProperties.overrides("dashboard"));
		overrides.put("zielwerk.profile.ingest.write-keys", WRITE_KEY);
		try (RunningPlatform platform = PlatformLauncher.launch(
				new PlatformInfrastructure(infrastructure.postgres(), database.name(), infrastructure.redis()),
				PlatformServices.all(), overrides, true)) {
			// the demo data loads end to end: through ingestion into profile-service's
			// tables ...
			DemoSettings settings = new DemoSettings(150, 3_000, 180, 42);
			DemoLoader.Report report = PlatformDemo.load(platform, settings, 2);
			assertThat(report.profiles()).isEqualTo(150);
			assertThat(report.events()).isBetween(2_500L, 3_500L);
			DatabaseClient profiles = platform.context(PlatformServices.PROFILE).getBean(DatabaseClient.class);
			// every person is one profile (their anonymous visits merged into it)
			assertThat(count(profiles, "SELECT count(*) FROM profiles WHERE merged_into IS NULL")).isEqualTo(150);
			assertThat(count(profiles, "SELECT count(*) FROM events")).isGreaterThanOrEqualTo(report.events());
			assertThat(count(profiles, "SELECT count(*) FROM consents WHERE status = 'WITHDRAWN'")).isPositive();
			// loading again changes nothing: the message ids are the seed's
			PlatformDemo.load(platform, settings, 2);
			assertThat(count(profiles, "SELECT count(*) FROM profiles WHERE merged_into IS NULL")).isEqualTo(150);
			// ... and through the stream into segment-service's membership, as the
			// gateway shows it
			int gateway = platform.port(PlatformServices.GATEWAY);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				String sizes = post(gateway,
						"{\"query\":\"{ segments(first: 50) { totalCount edges { node { key size } } } }\"}");
				assertThat(sizes).contains("\"totalCount\":" + DemoSegments.all().size());
				for (String key : List.of("dach", "repeat-buyers", "one-time-buyers", "b2b-enterprise")) {
					assertThat(sizes).as(key).containsPattern("\"key\":\"" + key + "\",\"size\":[1-9]");
				}
			});

			WebDriver browser = browser();
			try {
				browser.get("http://localhost:" + platform.port(PlatformServices.GATEWAY) + "/dashboard");
				WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
				wait.until((b) -> b.findElements(By.cssSelector(".card .key")).size() >= 11);
				assertThat(browser.findElements(By.cssSelector(".card .key")).stream().map(WebElement::getText))
					.contains("dach", "vip", "repeat-buyers", "one-time-buyers", "reactivation");
				wait.until((b) -> "live".equals(b.findElement(By.id("status")).getText()));
				int before = size(browser, "one-time-buyers");

				// a new customer from Vienna orders once: one-time-buyers and dach grow,
				// live
				String user = "dashboard-" + UUID.randomUUID().toString().substring(0, 8);
				assertThat(track(platform, user)).isEqualTo(200);
				wait.until((b) -> b.findElements(By.cssSelector("#feed li"))
					.stream()
					.anyMatch((li) -> li.getText().contains("one-time-buyers") && li.getText().contains("entered")));
				wait.until((b) -> size(b, "one-time-buyers") == before + 1);
				assertThat(browser.findElement(By.id("changes")).getText()).doesNotStartWith("0 ");
				screenshot(browser);
			}
			finally {
				browser.quit();
			}
		}
	}

	private static long count(DatabaseClient database, String sql) {
		return database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	private String post(int port, String json) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static int size(WebDriver browser, String key) {
		for (WebElement card : browser.findElements(By.cssSelector(".card"))) {
			if (key.equals(card.findElement(By.cssSelector(".key")).getText())) {
				return Integer.parseInt(card.findElement(By.cssSelector(".size")).getText().replace(",", ""));
			}
		}
		throw new AssertionError("No card for " + key);
	}

	private int track(RunningPlatform platform, String user) throws IOException, InterruptedException {
		String now = Instant.now().toString();
		String batch = """
				{"batch":[
				 {"type":"identify","userId":"%1$s","timestamp":"%2$s",
				  "traits":{"email":"%1$s@shop.example","firstName":"Lotte","address":{"country":"AT","city":"Wien"}},
				  "context":{"consent":{"categoryPreferences":{"email":true}}}},
				 {"type":"track","userId":"%1$s","event":"Order Completed","timestamp":"%2$s",
				  "properties":{"order_id":"o-%1$s","revenue":42.5,"currency":"EUR"}}]}
				""".formatted(user, now);
		String credentials = Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
		return this.http
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + platform.port(PlatformServices.PROFILE) + "/v1/batch"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Basic " + credentials)
				.POST(HttpRequest.BodyPublishers.ofString(batch))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	/**
	 * Headless chromium from the system's packages; the paths can be overridden with
	 * {@code CHROME_BIN} and {@code CHROMEDRIVER}.
	 */
	private static WebDriver browser() {
		String chromium = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
		String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
		assertThat(new File(chromium)).as("chromium (apt-get install chromium chromium-driver; .ci/run does)")
			.canRead();
		assertThat(new File(driver)).as("chromedriver (apt-get install chromium-driver)").canRead();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-extensions", "--no-first-run", "--mute-audio",
				"--window-size=1400,1000", "--lang=en-GB");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static void screenshot(WebDriver browser) throws IOException {
		// target/ by default, so that a test run leaves the working tree clean
		Path directory = Path.of(System.getProperty("zielwerk.screenshots", "target"));
		Files.createDirectories(directory);
		byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
		Files.write(directory.resolve("dashboard.png"), png);
	}

}
