package dev.marketolog.web.console.panel;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The journal: its filter form, its rows and the CSV export link. */
final class JournalScreen {

    private final WebDriver driver;

    JournalScreen(WebDriver driver) {
        this.driver = driver;
    }

    JournalScreen filter(String account, String status) {
        WebElement field = driver.findElement(By.id("f-account"));
        field.clear();
        field.sendKeys(account);
        driver.findElement(By.cssSelector("#f-status option[value='" + status + "']")).click();
        Navigation.clickAndWait(driver, driver.findElement(By.id("filter")));
        return this;
    }

    /** Each row's account and status cells, as shown. */
    List<List<String>> rows() {
        return driver.findElements(By.cssSelector("#journal tr[data-row]")).stream()
                .map(row -> row.findElements(By.cssSelector("td")))
                .map(cells -> List.of(cells.get(1).getText(), cells.get(4).getText().split(" ")[0]))
                .toList();
    }

    /** The comment texts as shown. */
    List<String> texts() {
        return driver.findElements(By.cssSelector("#journal .comment-text")).stream().map(WebElement::getText).toList();
    }

    String csvLink() {
        return driver.findElement(By.id("csv-export")).getAttribute("href");
    }
}
