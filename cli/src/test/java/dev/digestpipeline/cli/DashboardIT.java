package dev.digestpipeline.cli;

import static dev.digestpipeline.common.settings.CommonSettings.BOOTSTRAP_SERVERS;
import static dev.digestpipeline.common.settings.CommonSettings.REGISTRY_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digestpipeline.common.kafka.Topics;
import dev.digestpipeline.ingest.IngestApp;
import dev.digestpipeline.ingest.IngestConfig;
import dev.digestpipeline.ingest.IngestSummary;
import dev.digestpipeline.launch.AppProcesses;
import dev.digestpipeline.launch.Checkout;
import dev.digestpipeline.ops.pipeline.PipelineProbe;
import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.testsupport.LocalStackExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by Selenium) against the real stack, with
 * enrich, the sink and the ops app running as './digest up' runs them: the page shows what Kafka and Elasticsearch
 * hold, a facet click narrows the results, a replay replays, and a stopped server is said in words. Screenshots go
 * to cli/target/dashboard/.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(45);

    private static LocalStack stack;
    private static AppProcesses apps;
    private static PipelineProbe probe;
    private static WebDriver browser;
    private static String url;
    private static Path screenshots;

    @BeforeAll
    static void startPipelineDashboardAndBrowser(LocalStack running, @TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no headless browser: install Debian's chromium and chromium-driver "
                        + "(as root: apt-get install chromium chromium-driver; .ci/run does it)");
        stack = running;
        screenshots = Files.createDirectories(Checkout.home().resolve("cli/target/dashboard"));
        apps = new AppProcesses(Checkout.home(), dir);
        System.out.println(apps.start(AppProcesses.ENRICH, stack));
        System.out.println(apps.start(AppProcesses.SINK, stack));
        probe = new PipelineProbe(
                stack.bootstrapServers(), stack.registryUrl(), stack.elasticsearchUrl(), "papers", "trends");
        List<String> pages;
        try (Stream<Path> samples = Files.list(Checkout.home().resolve("samples"))) {
            pages = samples.map(Path::toString).sorted().toList();
        }
        IngestSummary ingest = IngestApp.publish(
                IngestConfig.of(Map.of(
                        BOOTSTRAP_SERVERS.envName(), stack.bootstrapServers(),
                        REGISTRY_URL.envName(), stack.registryUrl())),
                pages,
                null);
        assertEquals(List.of(), ingest.failed());
        probe.awaitCaughtUp("digest-enrich", "digest-sink", Duration.ofMinutes(3), System.out::println);
        System.out.println(apps.startDashboard(stack));
        url = apps.dashboardUrl().orElseThrow();
        browser = browser(dir.resolve("chromium-profile"));
    }

    private static WebDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as root in a container-like sandbox; and no calls home, which this machine's network refuses
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,2400",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (apps != null) {
            apps.stopAll();
        }
        if (probe != null) {
            probe.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private static String value(String css) {
        return browser.findElement(By.cssSelector(css)).getAttribute("data-value");
    }

    private static void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The committed end of each topic's partitions, summed: what the page shows as a topic's offsets. */
    private static long stableEnd(String topic) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }

    @Test
    @Order(1)
    void theStagesShowWhatKafkaAndElasticsearchHold() throws Exception {
        browser.get(url);
        long searchable = probe.papersIndexed();
        long letters = (long) probe.records(Topics.PAGES_DLQ.name()).size()
                + probe.records(Topics.PAPERS_DLQ.name()).size();
        waiting().until(d -> String.valueOf(searchable).equals(value(".stage[data-stage=elasticsearch] .total")));
        assertEquals(Long.toString(stableEnd(Topics.PAGES_RAW.name())), value(".stage[data-stage='raw pages'] .total"));
        assertEquals(Long.toString(stableEnd(Topics.PAPERS.name())), value(".stage[data-stage=papers] .total"));
        // everything went through: nothing waits for enrich or the sink
        assertEquals("0", value(".stage[data-stage=enrich] .lag-records"));
        assertEquals("0", value(".stage[data-stage=sink] .lag-records"));
        for (String app : List.of("enrich", "sink", "elasticsearch", "registry")) {
            assertEquals(
                    "up",
                    browser.findElement(By.cssSelector(".stage[data-stage=" + app + "] .state"))
                            .getAttribute("data-up"),
                    app);
        }
        assertEquals(Long.toString(letters), value("#deadletters-total"));
        assertTrue(letters > 0, "samples/not-a-digest.html is dead-lettered");
        // the trends chart drew its lines
        waiting()
                .until(d -> !browser.findElements(By.cssSelector("#trend-chart canvas"))
                        .isEmpty());
        screenshot("dashboard");
    }

    @Test
    @Order(2)
    void aFacetClickNarrowsTheResultsToItsCount() throws Exception {
        browser.get(url);
        long all = probe.papersIndexed();
        waiting().until(d -> String.valueOf(all).equals(value("#results-total")));
        WebElement robotics = waiting()
                .until(d -> d.findElement(By.cssSelector(".facet[data-facet=area] .facet-value[data-value=robotics]")));
        long count = Long.parseLong(
                robotics.findElement(By.cssSelector(".facet-count")).getText());
        assertTrue(count > 0 && count < all, count + " of " + all);
        robotics.click();
        waiting().until(d -> String.valueOf(count).equals(value("#results-total")));
        List<WebElement> cards = browser.findElements(By.cssSelector("#results .paper"));
        assertEquals(Math.min(count, 20), cards.size());
        for (WebElement card : cards) {
            assertFalse(
                    card.findElements(By.cssSelector(".tag[data-tag=robotics]")).isEmpty(), card.getText());
        }
        assertEquals(
                1,
                browser.findElements(By.cssSelector("#filters .filter[data-value=robotics]"))
                        .size());
        screenshot("facet-robotics");
    }

    @Test
    @Order(3)
    void aSearchFindsPapersAndEachHasSimilarOnes() {
        browser.get(url);
        WebElement query = waiting().until(d -> d.findElement(By.id("q")));
        query.sendKeys("language model");
        browser.findElement(By.cssSelector("#search-form button")).click();
        waiting().until(d -> {
            String total = value("#results-total");
            return total != null && !total.isEmpty() && Long.parseLong(total) < papersIndexed();
        });
        browser.findElement(By.cssSelector("#results .paper .similar-button")).click();
        waiting().until(d -> d.findElement(By.id("similar")).isDisplayed());
        assertFalse(browser.findElements(By.cssSelector("#similar .paper")).isEmpty());
    }

    private static long papersIndexed() {
        try {
            return probe.papersIndexed();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void aBackwardsDayRangeIsSaidInWords() {
        browser.get(url);
        waiting()
                .until(d -> !d.findElement(By.id("trend-from"))
                        .getAttribute("value")
                        .isEmpty());
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('trend-from').value = '2026-12-01';"
                        + "document.getElementById('trend-to').value = '2026-11-01';");
        browser.findElement(By.cssSelector("#trend-form button")).click();
        WebElement error = waiting().until(d -> {
            WebElement e = d.findElement(By.id("trends-error"));
            return e.isDisplayed() ? e : null;
        });
        assertEquals("Trends: from (2026-12-01) is after to (2026-11-01)", error.getText());
    }

    @Test
    @Order(5)
    void replayPutsTheStagesLettersBack() {
        browser.get(url);
        WebElement button =
                waiting().until(d -> d.findElement(By.cssSelector(".dl-stage[data-stage=enrich-parse] button.replay")));
        String replayable = button.getText().replace("Replay ", "");
        assertTrue(Integer.parseInt(replayable) > 0, button.getText());
        button.click();
        WebElement result = waiting().until(d -> {
            WebElement e = d.findElement(By.id("replay-result"));
            return e.isDisplayed() ? e : null;
        });
        assertTrue(
                result.getText().startsWith("Replayed " + replayable + " letters of enrich-parse;"), result.getText());
        // replayed once: the page fails again as a new letter, and the old ones cannot be replayed a second time
        waiting()
                .until(d -> d.findElement(By.cssSelector(".dl-stage[data-stage=enrich-parse] .muted"))
                        .getText()
                        .equals(replayable + " replayed"));
    }

    @Test
    @Order(6)
    void aStoppedServerIsSaidOnThePageNotAsAStackTrace() throws Exception {
        browser.get(url);
        waiting().until(d -> !value(".stage[data-stage=elasticsearch] .total").isEmpty());
        apps.stop(AppProcesses.OPS);
        WebElement banner = waiting().until(d -> {
            WebElement e = d.findElement(By.id("banner"));
            return e.isDisplayed() ? e : null;
        });
        assertEquals(
                "the dashboard's server does not answer (is the ops app running? './digest up' starts it)",
                banner.getText());
        screenshot("server-stopped");
    }
}
