package dev.digestpipeline.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RobotsTxtTest {
    private static final String SITE = """
            # everyone
            User-agent: *
            Disallow: /api/
            Allow: /api/daily_papers
            Disallow: /*.pdf$

            User-agent: BadBot
            Disallow: /
            """;

    @Test
    void theStarGroupAppliesWhenNoneNamesUs() {
        RobotsTxt robots = RobotsTxt.parse(SITE, "digest-pipeline");
        assertFalse(robots.allows("/api/models"));
        assertTrue(robots.allows("/papers"));
    }

    @Test
    void theLongestMatchingRuleWins() {
        RobotsTxt robots = RobotsTxt.parse(SITE, "digest-pipeline");
        assertTrue(robots.allows("/api/daily_papers?date=2026-11-27"));
    }

    @Test
    void starMatchesAnyRunAndDollarAnchorsTheEnd() {
        RobotsTxt robots = RobotsTxt.parse(SITE, "digest-pipeline");
        assertFalse(robots.allows("/pdf/2508.10001.pdf"));
        assertTrue(robots.allows("/pdf/2508.10001.pdf?download=1"));
    }

    @Test
    void aGroupNamingUsReplacesTheStarGroup() {
        RobotsTxt robots =
                RobotsTxt.parse(SITE + "\nUser-agent: digest-pipeline\nDisallow: /papers\n", "digest-pipeline");
        assertFalse(robots.allows("/papers/2508.10001"));
        assertTrue(robots.allows("/api/models"));
    }

    @Test
    void anEmptyDisallowAndAnEmptyFileAllowEverything() {
        assertTrue(
                RobotsTxt.parse("User-agent: *\nDisallow:\n", "digest-pipeline").allows("/anything"));
        assertTrue(RobotsTxt.parse("", "digest-pipeline").allows("/anything"));
    }

    @Test
    void unreachableRobotsDisallowsAndMissingRobotsAllows() {
        assertFalse(RobotsTxt.disallowAll().allows("/"));
        assertTrue(RobotsTxt.allowAll().allows("/"));
    }

    @Test
    void onATieAllowWins() {
        assertTrue(RobotsTxt.parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "digest-pipeline")
                .allows("/a"));
    }

    @Test
    void theCrawlDelayOfTheGroupThatAppliesIsKept() {
        String text = "User-agent: *\nCrawl-delay: 10\nDisallow: /x\n\nUser-agent: digest-pipeline\nCrawl-delay: 2.5\n";
        assertEquals(
                java.time.Duration.ofMillis(2500),
                RobotsTxt.parse(text, "digest-pipeline").crawlDelay());
        assertEquals(
                java.time.Duration.ofSeconds(10),
                RobotsTxt.parse(text, "other-bot").crawlDelay());
        assertEquals(
                java.time.Duration.ZERO,
                RobotsTxt.parse("User-agent: *\nCrawl-delay: soon\n", "x").crawlDelay());
    }
}
