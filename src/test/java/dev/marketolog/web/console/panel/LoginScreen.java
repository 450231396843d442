package dev.marketolog.web.console.panel;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The login form at {@code /} (page object: the selectors of this page live here). */
final class LoginScreen {

    private final WebDriver driver;

    LoginScreen(WebDriver driver) {
        this.driver = driver;
    }

    boolean isShown() {
        return !driver.findElements(By.id("sign-in")).isEmpty();
    }

    OverviewScreen signIn(String token) {
        driver.findElement(By.id("token")).sendKeys(token);
        Navigation.clickAndWait(driver, driver.findElement(By.id("sign-in")));
        return new OverviewScreen(driver);
    }

    String error() {
        return driver.findElement(By.id("login-error")).getText();
    }
}
