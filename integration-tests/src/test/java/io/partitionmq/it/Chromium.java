package io.partitionmq.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its ChromeDriver: what a person does in the console, with waits on
 * what the page shows (never sleeps), and screenshots kept under {@code target/screenshots}.
 */
final class Chromium implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    Chromium(String base, Path screenshots) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // The flags keep Chromium from reaching out to the network this machine does not have.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
        this.screenshots = screenshots;
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks {@code css}, finding it again if the console re-rendered it meanwhile (tables refresh every 5 s). */
    void click(String css) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return Boolean.TRUE;
        });
    }

    /** Waits until {@code css} shows text containing {@code expected}; returns the text. */
    String awaitText(String css, String expected) {
        return until(d -> {
            for (WebElement element : d.findElements(By.cssSelector(css))) {
                if (element.getText().contains(expected)) {
                    return element.getText();
                }
            }
            return null;
        });
    }

    /** Waits until the text of {@code css} is exactly {@code expected}. */
    void awaitExactText(String css, String expected) {
        until(d -> expected.equals(d.findElement(By.cssSelector(css)).getText()) ? Boolean.TRUE : null);
    }

    boolean isDisplayed(String css) {
        // A wait's condition ends on a non-null, non-false value: the answer travels as text.
        return Boolean.parseBoolean(until(d -> String.valueOf(d.findElement(By.cssSelector(css)).isDisplayed())));
    }

    /** Runs a script in the page (awaiting its promise) and returns its result. */
    Object script(String asyncBody) {
        return driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => { " + asyncBody + " })().then(done, e => done('failed: ' + e));");
    }

    String url() {
        return driver.getCurrentUrl();
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
