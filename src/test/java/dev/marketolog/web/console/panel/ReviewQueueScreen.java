package dev.marketolog.web.console.panel;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The review page (page object), worked from the keyboard as an operator does. */
final class ReviewQueueScreen {

    private final WebDriver driver;

    ReviewQueueScreen(WebDriver driver) {
        this.driver = driver;
    }

    static ReviewQueueScreen open(WebDriver driver, String base) {
        driver.get(base + "/review");
        return new ReviewQueueScreen(driver);
    }

    /** The drafts shown, in order. */
    List<Long> drafts() {
        return driver.findElements(By.cssSelector("[data-review-item]")).stream()
                .map(draft -> Long.parseLong(draft.getAttribute("data-draft")))
                .toList();
    }

    /** The draft the keys act on. */
    long current() {
        return Long.parseLong(driver.findElement(By.cssSelector("[data-review-item].current")).getAttribute("data-draft"));
    }

    String text(long draft) {
        return driver.findElement(By.id("draft-" + draft)).findElement(By.cssSelector("[data-text]")).getText();
    }

    String notice() {
        return driver.findElement(By.id("notice")).getText();
    }

    /** Presses a key on the page (not in a text box). */
    ReviewQueueScreen press(String key) {
        new Actions(driver).sendKeys(key).perform();
        return this;
    }

    /** What the draft's edit box holds. */
    String editBox(long draft) {
        return driver.findElement(By.id("text-" + draft)).getAttribute("value");
    }

    /** Whether the page says the last edit of the draft would go only as cleaned. */
    boolean asksToConfirmCleaned(long draft) {
        return !driver.findElement(By.id("draft-" + draft)).findElements(By.cssSelector("[data-cleaned]")).isEmpty();
    }

    /** {@code e}, then Ctrl+Enter: sends the edit box as it is (the cleaned text the page proposed). */
    ReviewQueueScreen confirmEdit() {
        press("e");
        driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        return this;
    }

    /** {@code e}, the new text in place of the old, then Ctrl+Enter to send it. */
    ReviewQueueScreen editCurrent(String text) {
        press("e");
        WebElement box = driver.switchTo().activeElement();
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        box.sendKeys(text);
        box.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        return this;
    }
}
