package com.starrymeet.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Email, SMS and in-app notifications, reminders, preferences.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(NotificationSettings.class)
public class NotificationApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationApplication.class, args);
	}
}
