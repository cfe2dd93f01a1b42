package io.meseta.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md §2: the core is pure — no Vert.x, no Hazelcast, no I/O, no wall clock. */
class CoreIsPureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.meseta");
  }

  @Test
  void coreDoesNotDependOnFrameworksOrIo() {
    ArchRule rule = noClasses().that().resideInAPackage("io.meseta.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.vertx..", "com.hazelcast..", "java.net..", "java.nio.file..",
            "io.meseta.protocol..", "io.meseta.master..", "io.meseta.gateway..",
            "io.meseta.agent..", "io.meseta.client..", "io.meseta.cli..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
        .because("the core is pure domain logic (DESIGN.md §2)");
    rule.check(classes);
  }

  @Test
  void coreNeverReadsTheWallClock() {
    ArchRule rule = noClasses().that().resideInAPackage("io.meseta.core..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(ZonedDateTime.class, "now")
        .orShould().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(Clock.class, "systemDefaultZone")
        .because("time comes into the core as a parameter, so it can be tested and replayed");
    rule.check(classes);
  }

  @Test
  void coreStartsNoThreads() {
    noClasses().that().resideInAPackage("io.meseta.core..")
        .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .because("the core is driven by its caller's thread")
        .check(classes);
  }
}
