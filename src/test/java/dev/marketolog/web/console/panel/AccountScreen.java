package dev.marketolog.web.console.panel;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** One account's page: its settings form with errors next to the fields, and where each value comes from. */
final class AccountScreen {

    private final WebDriver driver;

    AccountScreen(WebDriver driver) {
        this.driver = driver;
    }

    AccountScreen set(String key, String value) {
        WebElement field = driver.findElement(By.id("setting-" + key));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    AccountScreen save() {
        Navigation.clickAndWait(driver, driver.findElement(By.id("save-settings")));
        return this;
    }

    String value(String key) {
        return driver.findElement(By.id("setting-" + key)).getAttribute("value");
    }

    /** The errors shown next to the field of {@code key}. */
    List<String> errorsOf(String key) {
        return driver.findElements(By.id("error-" + key)).stream().map(WebElement::getText).toList();
    }

    /** The source shown in the table of effective settings for {@code key} ("console", "file .env:3", ...). */
    String sourceOf(String key) {
        return driver.findElements(By.cssSelector("#effective-settings tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("td")).getText().equals(key))
                .map(row -> row.findElements(By.cssSelector("td")).get(2).getText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + key));
    }

    /** The titles of its channels as shown. */
    List<String> channelTitles() {
        return driver.findElements(By.cssSelector("#channels .channel-title")).stream().map(WebElement::getText).toList();
    }

    String notice() {
        return driver.findElement(By.id("notice")).getText();
    }
}
