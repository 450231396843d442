package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingKeyTest {

    @Test
    void descriptionShowsEveryKeyOnceAndProcessKeysInTheProcessPart() {
        Set<SettingKey> process = SettingsDescription.processValues(ProcessSettings.defaults()).keySet();
        Set<SettingKey> account = SettingsDescription.accountValues(AccountSettings.defaults("bot", List.of())).keySet();

        assertThat(process).allMatch(SettingKey::processWide);
        assertThat(account).noneMatch(SettingKey::processWide);
        EnumSet<SettingKey> all = EnumSet.copyOf(process);
        all.addAll(account);
        assertThat(all).containsExactlyInAnyOrder(SettingKey.values());
    }

    @Test
    void readmeSettingsTableNamesEveryKeyAndMarksTheProcessWideOnes() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Settings"));
        List<String> rows = table.lines().filter(line -> line.startsWith("| `")).toList();

        for (SettingKey key : SettingKey.values()) {
            assertThat(rows).as(key.name()).filteredOn(row -> row.split("\\|")[1].contains("`" + key.name() + "`"))
                    .singleElement()
                    .satisfies(row -> assertThat(row.contains("**process**")).as(key.name()).isEqualTo(key.processWide()));
        }
    }
}
