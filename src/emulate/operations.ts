/**
 * The operation names the two services the emulator speaks have, as the AWS SDK models them
 * (`@aws-sdk/client-kms` 3.1164.0 and `@aws-sdk/client-service-quotas` 3.1138.0, one command per
 * operation; test/emulate/operations.test.ts keeps these lists equal to the pinned SDKs). A name
 * not listed is answered UnknownOperationException and counted in one bucket; a listed name that
 * the emulator does not implement is UnsupportedOperationException (an emulator limit).
 */

/** Every KMS operation (`X-Amz-Target: TrentService.<Operation>`). */
export const KMS_OPERATIONS: ReadonlySet<string> = new Set([
  "CancelKeyDeletion", "ConnectCustomKeyStore", "CreateAlias", "CreateCustomKeyStore", "CreateGrant", "CreateKey",
  "Decapsulate", "Decrypt", "DeleteAlias", "DeleteCustomKeyStore", "DeleteImportedKeyMaterial", "DeriveSharedSecret",
  "DescribeCustomKeyStores", "DescribeKey", "DisableKey", "DisableKeyRotation", "DisconnectCustomKeyStore", "EnableKey",
  "EnableKeyRotation", "Encapsulate", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
  "GenerateDataKeyWithoutPlaintext", "GenerateMac", "GenerateRandom", "GetKeyLastUsage", "GetKeyPolicy", "GetKeyRotationStatus",
  "GetParametersForImport", "GetPublicKey", "ImportKeyMaterial", "ListAliases", "ListGrants", "ListKeyPolicies",
  "ListKeyRotations", "ListKeys", "ListResourceTags", "ListRetirableGrants", "PutKeyPolicy", "ReEncrypt", "ReplicateKey",
  "RetireGrant", "RevokeGrant", "RotateKeyOnDemand", "ScheduleKeyDeletion", "Sign", "TagResource", "UntagResource",
  "UpdateAlias", "UpdateCustomKeyStore", "UpdateKeyDescription", "UpdatePrimaryRegion", "Verify", "VerifyMac",
]);

/** Every Service Quotas operation (`X-Amz-Target: ServiceQuotasV20190624.<Operation>`). */
export const SERVICE_QUOTAS_OPERATIONS: ReadonlySet<string> = new Set([
  "AssociateServiceQuotaTemplate", "CreateSupportCase", "DeleteServiceQuotaIncreaseRequestFromTemplate",
  "DisassociateServiceQuotaTemplate", "GetAWSDefaultServiceQuota", "GetAssociationForServiceQuotaTemplate",
  "GetAutoManagementConfiguration", "GetQuotaUtilizationReport", "GetRequestedServiceQuotaChange", "GetServiceQuota",
  "GetServiceQuotaIncreaseRequestFromTemplate", "ListAWSDefaultServiceQuotas", "ListRequestedServiceQuotaChangeHistoryByQuota",
  "ListRequestedServiceQuotaChangeHistory", "ListServiceQuotaIncreaseRequestsInTemplate", "ListServiceQuotas", "ListServices",
  "ListTagsForResource", "PutServiceQuotaIncreaseRequestIntoTemplate", "RequestServiceQuotaIncrease", "StartAutoManagement",
  "StartQuotaUtilizationReport", "StopAutoManagement", "TagResource", "UntagResource", "UpdateAutoManagement",
]);

/**
 * Key-pair specs of GenerateDataKeyPair(WithoutPlaintext) (`DataKeyPairSpec` in the SDK's enums).
 * Each names a quota pool (`keypair:<SPEC>`), so only these may: any other value is a
 * ValidationException and draws no token.
 */
export const DATA_KEY_PAIR_SPECS = [
  "ECC_NIST_EDWARDS25519", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
  "ML_KEM_1024", "ML_KEM_512", "ML_KEM_768", "RSA_2048", "RSA_3072", "RSA_4096", "SM2",
] as const;
