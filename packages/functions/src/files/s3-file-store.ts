import type { Readable } from "node:stream";
import { AWS_CLIENT_TIMEOUTS, loadSdk, sendBounded } from "../aws-sdk.js";
import { contentDisposition, type FileBody, type FileStore } from "./file-store.js";

/** What the S3 store needs from the SDK: sending a command and presigning one. */
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
}

/** Longest an S3 link may live: 15 minutes. */
export const S3_LINK_MAX_SECONDS = 15 * 60;

/**
 * The S3 SDK, loaded on first use (aws-sdk.ts), so that only a request that writes or links a
 * large export pays for it. Pinned at the same version as the DynamoDB client.
 */
type Presigner = typeof import("@aws-sdk/s3-request-presigner");

export function sdkS3Port(region?: string): S3Port {
  let loaded: {
    client: import("@aws-sdk/client-s3").S3Client;
    s3: typeof import("@aws-sdk/client-s3");
    presigner: typeof import("@aws-sdk/s3-request-presigner");
  } | null = null;
  const load = async () => {
    if (!loaded) {
      const s3 = loadSdk<typeof import("@aws-sdk/client-s3")>("@aws-sdk/client-s3");
      loaded = {
        client: new s3.S3Client({
          ...(region ? { region } : {}),
          requestHandler: AWS_CLIENT_TIMEOUTS,
        }),
        s3,
        presigner: loadSdk<Presigner>("@aws-sdk/s3-request-presigner"),
      };
    }
    return loaded;
  };
  return {
    async putObject(input) {
      const { client, s3 } = await load();
      await sendBounded((options) => client.send(new s3.PutObjectCommand(input), options));
    },
    async presignGetObject(input, expiresIn) {
      const { client, s3, presigner } = await load();
      return presigner.getSignedUrl(client, new s3.GetObjectCommand(input), { expiresIn });
    },
  };
}

/** Exports on AWS: objects in the private file bucket, handed out as presigned GET links. */
export class S3FileStore implements FileStore {
  /** The bucket may be missing from the environment: only an export that needs it fails. */
  constructor(
    private readonly bucketName: string | undefined,
    private readonly port: S3Port = sdkS3Port(),
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

  async link(key: string, expiresInSeconds: number, downloadName: string): Promise<string> {
    return this.port.presignGetObject(
      {
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: contentDisposition(downloadName),
      },
      Math.min(expiresInSeconds, S3_LINK_MAX_SECONDS),
    );
  }
}
