/**
 * How Rebound fits the tools ops already run: the OpenAPI description of the API and the webhooks
 * (/v3/api-docs, Swagger UI), and the request id that follows one delivery through the logs. Uses
 * no other module: it describes their HTTP surface from outside.
 */
package io.rebound.ops;
