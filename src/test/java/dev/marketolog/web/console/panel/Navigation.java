package dev.marketolog.web.console.panel;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Clicks that load a new page (a form's submit, a link) and return once it has replaced the old one. */
final class Navigation {

    private Navigation() {}

    static void clickAndWait(WebDriver driver, WebElement element) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        element.click();
        await().atMost(Duration.ofSeconds(30)).until(() -> isGone(oldPage));
    }

    private static boolean isGone(WebElement oldPage) {
        try {
            oldPage.getTagName();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }
}
