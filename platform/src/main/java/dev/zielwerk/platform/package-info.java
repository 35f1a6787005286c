/**
 * The launcher that starts the platform's services in one process.
 */
@NullMarked
package dev.zielwerk.platform;

import org.jspecify.annotations.NullMarked;
