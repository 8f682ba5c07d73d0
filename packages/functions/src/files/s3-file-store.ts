import type { Readable } from "node:stream";
import { AWS_CLIENT_TIMEOUTS, loadSdk, sendBounded } from "../aws-sdk.js";
import {
  dispositionHeader,
  type FileBody,
  type FileDisposition,
  type FileStore,
  FileTooLargeError,
  isFileKey,
  type PostCondition,
  type PresignedUpload,
  PUBLIC_PREFIX,
  UPLOAD_POLICY_MAX_SECONDS,
  type UploadPolicy,
  uploadConditions,
} from "./file-store.js";

/** What the S3 store needs from the SDK: sending commands and presigning. */
export interface S3Port {
  putObject(input: {
    Bucket: string;
    Key: string;
    Body: Uint8Array | Readable;
    ContentType: string;
    ContentLength: number;
  }): Promise<void>;
  presignGetObject(
    input: { Bucket: string; Key: string; ResponseContentDisposition: string },
    expiresInSeconds: number,
  ): Promise<string>;
  /** `createPresignedPost` of `@aws-sdk/s3-presigned-post`. */
  presignPost(input: {
    Bucket: string;
    Key: string;
    Conditions: PostCondition[];
    Fields: Record<string, string>;
    Expires: number;
  }): Promise<{ url: string; fields: Record<string, string> }>;
  /**
   * GetObject: null when absent (NoSuchKey); otherwise its length and type, and a way to read
   * the body that is only called when the length is acceptable (else `discard`).
   */
  getObject(input: { Bucket: string; Key: string }): Promise<{
    contentLength: number;
    contentType: string;
    bytes(): Promise<Uint8Array>;
    discard(): void;
  } | null>;
  copyObject(input: { Bucket: string; Key: string; CopySource: string }): Promise<void>;
  deleteObject(input: { Bucket: string; Key: string }): Promise<void>;
}

/** Longest an S3 link may live: 15 minutes. */
export const S3_LINK_MAX_SECONDS = 15 * 60;

/**
 * The S3 SDK, loaded on first use (aws-sdk.ts), so that only a request that writes or links a
 * file pays for it. Pinned at the same version as the DynamoDB client; the presigned POST
 * package at the newest release not after it (AWS publishes a package only when it changes),
 * its own client-s3 dependency overridden to ours (the root package.json).
 */
type Presigner = typeof import("@aws-sdk/s3-request-presigner");
type PresignedPost = typeof import("@aws-sdk/s3-presigned-post");

/**
 * The port on the SDK. `clientConfig` is for tests (static dummy credentials); on Lambda the
 * role's credentials come from the environment.
 */
export function sdkS3Port(
  region?: string,
  clientConfig: Partial<import("@aws-sdk/client-s3").S3ClientConfig> = {},
): S3Port {
  let loaded: {
    client: import("@aws-sdk/client-s3").S3Client;
    s3: typeof import("@aws-sdk/client-s3");
  } | null = null;
  const load = () => {
    if (!loaded) {
      const s3 = loadSdk<typeof import("@aws-sdk/client-s3")>("@aws-sdk/client-s3");
      loaded = {
        client: new s3.S3Client({
          ...clientConfig,
          ...(region ? { region } : {}),
          requestHandler: AWS_CLIENT_TIMEOUTS,
        }),
        s3,
      };
    }
    return loaded;
  };
  return {
    async putObject(input) {
      const { client, s3 } = load();
      await sendBounded((options) => client.send(new s3.PutObjectCommand(input), options));
    },
    async presignGetObject(input, expiresIn) {
      const { client, s3 } = load();
      const presigner = loadSdk<Presigner>("@aws-sdk/s3-request-presigner");
      return presigner.getSignedUrl(client, new s3.GetObjectCommand(input), { expiresIn });
    },
    async presignPost(input) {
      const { client } = load();
      const { createPresignedPost } = loadSdk<PresignedPost>("@aws-sdk/s3-presigned-post");
      // Signing is local, but resolving the credentials may call the metadata service: bounded.
      return sendBounded(() => createPresignedPost(client, input));
    },
    async getObject(input) {
      const { client, s3 } = load();
      try {
        const out = await sendBounded((options) =>
          client.send(new s3.GetObjectCommand(input), options),
        );
        const body = out.Body;
        return {
          contentLength: out.ContentLength ?? 0,
          contentType: out.ContentType ?? "application/octet-stream",
          bytes: async () => (body ? await body.transformToByteArray() : new Uint8Array()),
          discard: () => {
            const stream = body as unknown as { destroy?: () => void } | undefined;
            stream?.destroy?.();
          },
        };
      } catch (error) {
        // NoSuchKey only where the role may list the bucket; without s3:ListBucket S3 answers
        // an absent key with AccessDenied, which stays an error.
        if ((error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async copyObject(input) {
      const { client, s3 } = load();
      await sendBounded((options) => client.send(new s3.CopyObjectCommand(input), options));
    },
    async deleteObject(input) {
      const { client, s3 } = load();
      await sendBounded((options) => client.send(new s3.DeleteObjectCommand(input), options));
    },
  };
}

/** `CopyObject`'s source: `bucket/key`, URL-encoded (each key segment; the slashes kept). */
export function copySource(bucket: string, key: string): string {
  return `${encodeURIComponent(bucket)}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

/** Files on AWS: objects in the private file bucket, handed out as presigned links. */
export class S3FileStore implements FileStore {
  /** The bucket may be missing from the environment: only a call that needs it fails. */
  constructor(
    private readonly bucketName: string | undefined,
    private readonly port: S3Port = sdkS3Port(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get bucket(): string {
    if (!this.bucketName) throw new Error("FILES_BUCKET is not set");
    return this.bucketName;
  }

  async put(key: string, body: FileBody, contentType: string): Promise<void> {
    const isBytes = body instanceof Uint8Array;
    await this.port.putObject({
      Bucket: this.bucket,
      Key: key,
      Body: isBytes ? body : body.stream,
      ContentType: contentType,
      ContentLength: isBytes ? body.byteLength : body.length,
    });
  }

  async link(
    key: string,
    expiresInSeconds: number,
    downloadName: string,
    disposition: FileDisposition = "attachment",
  ): Promise<string> {
    return this.port.presignGetObject(
      {
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: dispositionHeader(downloadName, disposition),
      },
      Math.min(expiresInSeconds, S3_LINK_MAX_SECONDS),
    );
  }

  async presignUpload(policy: UploadPolicy): Promise<PresignedUpload> {
    if (!isFileKey(policy.key)) throw new Error(`not a file key: ${policy.key}`);
    const expires = Math.min(policy.expiresInSeconds, UPLOAD_POLICY_MAX_SECONDS);
    const issuedAt = this.now().getTime();
    const { url, fields } = await this.port.presignPost({
      Bucket: this.bucket,
      Key: policy.key,
      Conditions: uploadConditions(policy),
      Fields: {
        "Content-Type": policy.contentType,
        ...(policy.successRedirect ? { success_action_redirect: policy.successRedirect } : {}),
      },
      Expires: expires,
    });
    return { url, fields, expiresAt: new Date(issuedAt + expires * 1000).toISOString() };
  }

  async read(
    key: string,
    maxBytes: number,
  ): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    const object = await this.port.getObject({ Bucket: this.bucket, Key: key });
    if (!object) return null;
    if (object.contentLength > maxBytes) {
      object.discard();
      throw new FileTooLargeError(key, object.contentLength, maxBytes);
    }
    const bytes = await object.bytes();
    // The length is S3's own; a body longer than it said is refused all the same.
    if (bytes.byteLength > maxBytes) throw new FileTooLargeError(key, bytes.byteLength, maxBytes);
    return { bytes, contentType: object.contentType };
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    await this.port.copyObject({
      Bucket: this.bucket,
      Key: toKey,
      CopySource: copySource(this.bucket, fromKey),
    });
  }

  async remove(key: string): Promise<void> {
    // DeleteObject of an absent key succeeds (204) on S3.
    await this.port.deleteObject({ Bucket: this.bucket, Key: key });
  }

  /** Public objects are served by the public site's CDN (an origin access control). */
  publicUrl(key: string): string {
    if (!key.startsWith(PUBLIC_PREFIX) || !isFileKey(key)) {
      throw new Error(`not a public key: ${key}`);
    }
    return `/${key}`;
  }
}
