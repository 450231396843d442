package dev.marketolog.web.console.panel;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The overview: one row per account, pause and resume buttons, the chart. */
final class OverviewScreen {

    private final WebDriver driver;

    OverviewScreen(WebDriver driver) {
        this.driver = driver;
    }

    List<String> accounts() {
        return driver.findElements(By.cssSelector("#accounts tr[data-account]")).stream()
                .map(row -> row.getAttribute("data-account"))
                .toList();
    }

    String state(String account) {
        return row(account).findElement(By.cssSelector("[data-state]")).getText();
    }

    OverviewScreen pause(String account) {
        Navigation.clickAndWait(driver, row(account).findElement(By.cssSelector("button.pause")));
        return this;
    }

    OverviewScreen resume(String account) {
        Navigation.clickAndWait(driver, row(account).findElement(By.cssSelector("button.resume")));
        return this;
    }

    AccountScreen open(String account) {
        Navigation.clickAndWait(driver, row(account).findElement(By.cssSelector("td a")));
        return new AccountScreen(driver);
    }

    /** Whether uPlot drew the chart (it adds its canvas to the chart's element). */
    boolean chartDrawn() {
        return !driver.findElements(By.cssSelector("#chart canvas")).isEmpty();
    }

    LoginScreen logOut() {
        Navigation.clickAndWait(driver, driver.findElement(By.id("logout")));
        return new LoginScreen(driver);
    }

    private WebElement row(String account) {
        return driver.findElement(By.cssSelector("#accounts tr[data-account='" + account + "']"));
    }
}
