package dev.zielwerk.platform;

import dev.zielwerk.profile.ProfileServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts the platform: at this stage the profile service on port 4001.
 */
public final class ZielwerkPlatform {

	private ZielwerkPlatform() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(ProfileServiceApplication.class).run(args);
	}

}
