package dev.marketolog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The engine is pure policy: it reaches Telegram, the database and time only through its ports. */
class ArchitectureTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.marketolog");

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(MAIN_CLASSES);
    }

    @Test
    void engineUsesNoAdapterNetworkOrJdbc() {
        check(noClasses()
                .that().resideInAPackage("dev.marketolog.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.marketolog.telegram.tdlib..",
                        "dev.marketolog.store..",
                        "dev.marketolog.web..",
                        "java.net..",
                        "java.sql.."));
    }

    @Test
    void engineNeverSeesSecretsOrTheRecordsCarryingThem() {
        check(noClasses()
                .that().resideInAPackage("dev.marketolog.engine..")
                .should().dependOnClassesThat().belongToAnyOf(
                        dev.marketolog.config.Secret.class,
                        dev.marketolog.config.AccountSettings.class,
                        dev.marketolog.config.LlmSettings.class,
                        dev.marketolog.config.ProcessSettings.class)
                .because("the engine gets an AccountPolicy and FleetRules built in cli/, so no credential reaches it"));
    }

    /** {@code Instant.now()}, {@code LocalDate.now(zone)} and the like (not {@code now(clock)}), currentTimeMillis, sleep. */
    private static final DescribedPredicate<JavaMethodCall> READS_SYSTEM_TIME_OR_SLEEPS = DescribedPredicate.describe(
            "read the system clock or sleep",
            call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                boolean nowFromSystemClock = owner.startsWith("java.time.")
                        && name.equals("now")
                        && call.getTarget().getRawParameterTypes().stream().noneMatch(type -> type.isAssignableTo(Clock.class));
                boolean systemTime = owner.equals(System.class.getName()) && name.equals("currentTimeMillis");
                boolean sleep = owner.equals(Thread.class.getName()) && name.equals("sleep");
                return nowFromSystemClock || systemTime || sleep;
            });

    @Test
    void engineTakesTimeOnlyFromItsClock() {
        check(noClasses()
                .that().resideInAPackage("dev.marketolog.engine..")
                .should().callMethodWhere(READS_SYSTEM_TIME_OR_SLEEPS)
                .because("engine/ sees time through EngineClock, so simulate and tests can run a virtual day"));
    }
}
