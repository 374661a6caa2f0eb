package com.starrymeet.fleet;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FleetMainTest {

	@Test
	void defaultsAreTheDocumentedPortsAndDataUnderHome() {
		var options = FleetMain.parse(new String[] { "--home=/srv/starrymeet" });

		assertThat(options).isNotNull();
		assertThat(options.home()).isEqualTo(Path.of("/srv/starrymeet"));
		assertThat(options.dataDir()).isEqualTo(Path.of("/srv/starrymeet/.fleet-data"));
		assertThat(options.fresh()).isFalse();
		assertThat(options.ports()).containsEntry(Service.GATEWAY, 8080)
			.containsEntry(Service.USER, 8081)
			.containsEntry(Service.CELEBRITY, 8082)
			.containsEntry(Service.ANALYTICS, 8087);
	}

	@Test
	void portBaseMovesEveryService() {
		var options = FleetMain.parse(new String[] { "--port-base=9100", "--fresh", "--timeout=60" });

		assertThat(options).isNotNull();
		assertThat(options.fresh()).isTrue();
		assertThat(options.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.ports()).containsEntry(Service.GATEWAY, 9100)
			.containsEntry(Service.BOOKING, 9103)
			.containsEntry(Service.ANALYTICS, 9107);
	}

	@Test
	void jvmOptionsReplaceTheDefaults() {
		assertThat(FleetMain.parse(new String[] {}).jvmOptions()).isEqualTo(FleetOptions.DEFAULT_JVM_OPTIONS);
		assertThat(FleetMain.parse(new String[] { "--jvm-options= -Xmx512m  -XX:+UseParallelGC" }).jvmOptions())
			.containsExactly("-Xmx512m", "-XX:+UseParallelGC");
		assertThatIllegalArgumentException().isThrownBy(() -> FleetMain.parse(new String[] { "--jvm-options= " }));
	}

	@Test
	void settingsGoToTheirServiceOnly() {
		var options = FleetMain.parse(new String[] { "--set=booking:starrymeet.booking.max-unpaid-holds=1000",
				"--set=payment-service:starrymeet.payment.stripe-retry-interval=PT5S",
				"--set=booking:starrymeet.booking.hold=PT2M", "--port-base=9100" });

		assertThat(options).isNotNull();
		assertThat(options.settings()).containsOnlyKeys(Service.BOOKING, Service.PAYMENT);
		assertThat(options.settings().get(Service.BOOKING)).containsExactly("starrymeet.booking.max-unpaid-holds=1000",
				"starrymeet.booking.hold=PT2M");
		assertThat(options.settings().get(Service.PAYMENT)).containsExactly("starrymeet.payment.stripe-retry-interval=PT5S");
		assertThat(FleetMain.parse(new String[] {}).settings()).isEmpty();
		for (var wrong : new String[] { "--set=booking", "--set=:a=b", "--set=nowhere:a=b", "--set=booking:=x",
				"--set=booking:no-value" }) {
			assertThatIllegalArgumentException().as(wrong).isThrownBy(() -> FleetMain.parse(new String[] { wrong }));
		}
	}

	@Test
	void demoDataDefaultsTo300AndCanBeSwitchedOff() {
		assertThat(FleetMain.demoCelebrities(new String[] { "--fresh" })).isEqualTo(300);
		assertThat(FleetMain.demoCelebrities(new String[] { "--demo-data=0" })).isZero();
		assertThat(FleetMain.parse(new String[] { "--demo-data=1000" })).isNotNull();
		assertThatIllegalArgumentException().isThrownBy(() -> FleetMain.parse(new String[] { "--demo-data=-1" }));
		assertThatIllegalArgumentException().isThrownBy(() -> FleetMain.parse(new String[] { "--demo-data=many" }));
	}

	@Test
	void infrastructurePortsAreFreeUnlessGiven() {
		var defaults = FleetMain.parse(new String[] {});
		assertThat(defaults).isNotNull();
		assertThat(defaults.postgresPort()).isZero();
		assertThat(defaults.kafkaPort()).isZero();
		assertThat(defaults.redisPort()).isZero();

		var given = FleetMain.parse(new String[] { "--postgres-port=5433", "--kafka-port=9092", "--redis-port=6380" });
		assertThat(given).isNotNull();
		assertThat(given.postgresPort()).isEqualTo(5433);
		assertThat(given.kafkaPort()).isEqualTo(9092);
		assertThat(given.redisPort()).isEqualTo(6380);
	}

	@Test
	void stopTakesOnlyWhereTheFleetIs(@TempDir Path dir) {
		assertThat(FleetMain.stop(new String[] { "--fresh" })).isEqualTo(2);
		assertThat(FleetMain.stop(new String[] { "--data-dir=" + dir.resolve("nothing-here") })).isZero();
	}

	@Test
	void unknownOptionsAndBadNumbersAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> FleetMain.parse(new String[] { "--prot-base=1" }))
			.withMessageContaining("--prot-base");
		assertThatIllegalArgumentException().isThrownBy(() -> FleetMain.parse(new String[] { "--port-base=x" }))
			.withMessageContaining("Not a number");
	}

	@Test
	void servicesAreFoundByModuleOrContextAndJarsByVersion() {
		assertThat(Service.of("celebrity-service")).isEqualTo(Service.CELEBRITY);
		assertThat(Service.of("celebrity")).isEqualTo(Service.CELEBRITY);
		assertThat(Service.CELEBRITY.jar(Path.of("/p")))
			.isEqualTo(Path.of("/p/celebrity-service/target/celebrity-service-0.1.0-SNAPSHOT.jar"));
		assertThatIllegalArgumentException().isThrownBy(() -> Service.of("billing"));
	}
}
