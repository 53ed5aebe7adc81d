package io.contacthub.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layering of docs/architecture.md true as the code grows. */
@AnalyzeClasses(packages = "io.contacthub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule luceneOnlyInTheTimelineAndOfferMatching =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.contacthub.hub.timeline..", "io.contacthub.hub.offers.match..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.lucene..")
          .because(
              "the index is the timeline's; offers match message text with an in-memory index");

  @ArchTest
  static final ArchRule lettuceOnlyInTheClusterPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.contacthub.hub.cluster..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.lettuce..", "reactor..")
          .because("Redis is cluster mode's; the rest of the hub sees only the Cluster interface");

  @ArchTest
  static final ArchRule theCoreNeverKnowsAConcreteConnector =
      noClasses()
          .that()
          .resideInAPackage("io.contacthub.hub..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.contacthub.connector.(*)..")
          .because("connectors are found through ServiceLoader; the hub sees only the SPI");

  @ArchTest
  static final ArchRule theCoreDoesNotDependOnTheHttpLayer =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.contacthub.hub.ingest..",
              "io.contacthub.hub.identity..",
              "io.contacthub.hub.conversation..",
              "io.contacthub.hub.log..",
              "io.contacthub.hub.timeline..",
              "io.contacthub.hub.query..",
              "io.contacthub.hub.routing..",
              "io.contacthub.hub.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.contacthub.hub.api..", "io.contacthub.hub.stream..", "io.vertx.ext.web..");

  @ArchTest
  static final ArchRule connectorsNeverImportTheHub =
      noClasses()
          .that()
          .resideInAPackage("io.contacthub.connector..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.contacthub.hub..");
}
