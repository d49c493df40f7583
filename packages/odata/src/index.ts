export * from "./model/index.js";

export { createODataClient, companyPath } from "./client/create-odata-client.js";
export type { ODataClient, CompanyClient, CompanyRef, ScopedSets, ModelOf, OperationModelOf, InvokeArgs } from "./client/create-odata-client.js";
export type { ODataClientOptions, ResolvedClientOptions } from "./client/client-options.js";
export { resolveClientOptions, DEFAULT_BASE_URL } from "./client/resolve-client-options.js";
export type {
  EntitySetClient,
  EntityClient,
  EntityOperations,
  EntityQuery,
  StreamClient,
  ListOptions,
  GetOptions,
  ActionMethod,
  ActionOptions,
  NavigationClients,
  ActionMethods,
  StreamClients,
} from "./client/client-types.js";
export type { RequestOptions, ReadOptions, ConcurrencyOptions, ResponseInfo } from "./client/request-options.js";
export type { CreateOrFindOptions, CreateOrFindResult } from "./client/create-or-find.js";
export type { Page, PageSettings, PagedAsyncIterableIterator } from "./client/paged-iterator.js";
export { syncChanges, type SyncOptions, type DeltaSyncIterator } from "./delta/sync-changes.js";
export { toDeltaChange, type DeltaChange } from "./delta/delta-change.js";
export { ODataDeltaExpiredError } from "./errors/odata-delta-expired-error.js";
export { ODataDeltaUnsupportedError } from "./errors/odata-delta-unsupported-error.js";
export { SubscriptionManager, type SubscriptionManagerOptions, type HandleResult } from "./webhooks/subscription-manager.js";
export type { WebhookSubscription, SubscriptionsApi, WatchedSet, WatchedResource, WebhookChange, WebhookNotification, DeltaLinkStore } from "./webhooks/webhook-types.js";
export { InMemorySubscriptionStore, type SubscriptionStore, type StoredSubscription } from "./webhooks/subscription-store.js";
export type { BulkItemResult, BulkCheckpoint, BulkProgress, BulkOptions, BulkResult, BulkUpdate, BulkDelete } from "./bulk/bulk-types.js";

export { FilterExpression, unsafeRawFilter } from "./query/filter-expression.js";
export type { FilterFields, FilterInput, FilterableField, OperandFor, EqualityOperand, ComparableOperand, StringOperand } from "./query/filter-types.js";
export type { QueryShape, NestedQuery, NoExtraKeys, ExpandOptions, SelectableField, OrderByItem, Selected, Expanded, Row } from "./query/query-options.js";
export type { QueryNode, FilterNode, ValueNode, LiteralNode, OrderByNode, ExpandNode, ComparisonOperator, StringFunction } from "./query/nodes.js";
export { serializeQuery, serializeFilter, encodeQueryValue } from "./query/serialize-query.js";
export { encodeLiteral } from "./query/encode-literal.js";
export { encodeKey, encodePathLiteral } from "./query/encode-key.js";
export { toQueryNode } from "./query/to-query-node.js";

export { BatchOperation, MAX_BATCH_OPERATIONS } from "./batch/batch-types.js";
export type { BatchOptions, BatchFunction, BatchSets, BatchSetClient, BatchEntityClient, BatchEntityOperations, BatchActionMethod, BatchConcurrency, BatchSettledResult, BatchValues, BatchSettled } from "./batch/batch-types.js";

export { ODataError } from "./errors/odata-error.js";
export type { ODataErrorContext } from "./errors/odata-error.js";
export { ODataConcurrencyError } from "./errors/odata-concurrency-error.js";
export { ODataRequestError, redactUrl, type RequestErrorContext } from "./errors/odata-request-error.js";
export { ODataThrottledError } from "./errors/odata-throttled-error.js";
export { ODataNetworkError, type NetworkFailureKind } from "./errors/odata-network-error.js";
export { ODataResponseError, type MalformedResponseReason } from "./errors/odata-response-error.js";
export { ODataTimeoutError } from "./errors/odata-timeout-error.js";
export { isWriteOutcomeUnknown, writeOutcomeOf, type WriteOutcome } from "./errors/write-outcome.js";
export { ODataQueryError } from "./errors/odata-query-error.js";
export { ODataRedirectError } from "./errors/odata-redirect-error.js";
export { ODataPagingError } from "./errors/odata-paging-error.js";
export { ODataBatchError, type BatchErrorContext } from "./errors/odata-batch-error.js";
export { ODataDuplicateKeyError } from "./errors/odata-duplicate-key-error.js";
export { timeoutTransport, type Transport } from "./pipeline/timeout-transport.js";
export { createODataError, type FailedResponse } from "./errors/create-odata-error.js";

export type { TokenCredential } from "./pipeline/token-credential.js";
export type { FetchLike, Policy } from "./pipeline/policy.js";
export { composePipeline } from "./pipeline/policy.js";
export { decideRetry } from "./pipeline/retry-decision.js";
export type { RetryOptions, RetryInput, RetryDecision } from "./pipeline/retry-decision.js";
export { concurrencyLimiter } from "./pipeline/concurrency-limiter.js";
export { attemptTimeoutPolicy, signalTransport } from "./pipeline/timeout-transport.js";
export { retryPolicy, type RetryEnvironment, type RetryLimiting } from "./pipeline/retry-policy.js";
export { retryAfterInMs } from "./pipeline/retry-decision.js";
export { emitPipelineEvent, type PipelineEvent, type PipelineEventKind, type PipelineEventBase, type PipelineEventListener } from "./pipeline/pipeline-event.js";
export { BUSINESS_CENTRAL_ONLINE_LIMITS, identityKey } from "./limits/request-limiter.js";
export type { RequestLimiter, LimiterAcquireOptions, LimiterLease, LimiterPause, LimiterSnapshot, IdentityLimits } from "./limits/request-limiter.js";
export { InProcessLimiter, type LimiterEnvironment } from "./limits/in-process-limiter.js";
export { LimiterWaitTimeoutError } from "./limits/limiter-wait-timeout-error.js";
export { defaultRequestLimiter } from "./limits/default-request-limiter.js";
export { identityOf } from "./limits/identity-of.js";

export { createValueCodec, type ValueCodec } from "./values/value-codec.js";
export type { ValueMapping, ConversionTable, RouteValues } from "./values/value-mapping.js";
export { LosslessNumber, parseLosslessJson } from "./values/lossless-json.js";
export { ODataValueError } from "./errors/odata-value-error.js";

export { EMPTY_DATE, EMPTY_DATE_TIME, EMPTY_GUID, EMPTY_ENUM, isBlank, blankToNull } from "./empty-values.js";

// Logging and telemetry (docs/operations.md)
export { consoleLogger, LOG_LEVELS, type BctsLogger, type ConsoleLoggerOptions, type LogContext, type LogLevel } from "./logging/bcts-logger.js";
export { logRecordOfAttempt, logRecordOfEvent, writeLog, type LogFields, type LogRecord } from "./logging/log-record.js";
export { sanitizeUrl } from "./telemetry/sanitize-url.js";
export { pipelineTelemetry, type PipelineTelemetry, type PipelineTelemetryOptions } from "./telemetry/telemetry-policy.js";
export { withTelemetry, type TelemetryClientOptions } from "./telemetry/with-telemetry.js";
export { bctsMetrics, INSTRUMENTATION_NAME, type BctsMetrics } from "./telemetry/bcts-metrics.js";
export { instrumentCredential, type TokenTelemetry } from "./telemetry/token-telemetry.js";
