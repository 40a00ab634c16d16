/**
 * The {@code sandbox} profile: WireMock servers inside the service stand in for Databricks, Azure
 * Data Factory (ARM), Azure AD and GitHub, answering with the real API shapes, so a newcomer can
 * post a real alert and watch Rebound fix it without any cloud account.
 */
package io.rebound.remediation.sandbox;
