/**
 * Cross-cutting configuration: who may call the API (Spring Security with configured bearer tokens
 * and roles), secrets generated at first start when none are configured, and the JSON error shape
 * every endpoint answers with. Uses no other Rebound module; no module uses it.
 */
package io.rebound.config;
