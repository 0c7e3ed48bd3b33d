import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace hwbind {

    namespace v1 {

        interface IEnvelope extends hwbind.v1.Envelope.$Properties {
        }

        class Envelope {
            constructor(properties?: hwbind.v1.Envelope.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            replyTo: string;
            tsMs: number;
            hello?: (hwbind.v1.Hello.$Properties|null);
            helloAck?: (hwbind.v1.HelloAck.$Properties|null);
            heartbeat?: (hwbind.v1.Heartbeat.$Properties|null);
            bindNotice?: (hwbind.v1.BindNotice.$Properties|null);
            unbindNotice?: (hwbind.v1.UnbindNotice.$Properties|null);
            reboot?: (hwbind.v1.Reboot.$Properties|null);
            directorySync?: (hwbind.v1.DirectorySync.$Properties|null);
            directoryRequest?: (hwbind.v1.DirectoryRequest.$Properties|null);
            enrollmentStart?: (hwbind.v1.EnrollmentStart.$Properties|null);
            enrollmentProgress?: (hwbind.v1.EnrollmentProgress.$Properties|null);
            enrollmentResult?: (hwbind.v1.EnrollmentResult.$Properties|null);
            enrollmentCancel?: (hwbind.v1.EnrollmentCancel.$Properties|null);
            templateSync?: (hwbind.v1.TemplateSync.$Properties|null);
            recordBatch?: (hwbind.v1.RecordBatch.$Properties|null);
            recordAck?: (hwbind.v1.RecordAck.$Properties|null);
            doorOpen?: (hwbind.v1.DoorOpen.$Properties|null);
            doorResult?: (hwbind.v1.DoorResult.$Properties|null);
            firmwareOffer?: (hwbind.v1.FirmwareOffer.$Properties|null);
            firmwareChunkRequest?: (hwbind.v1.FirmwareChunkRequest.$Properties|null);
            firmwareChunk?: (hwbind.v1.FirmwareChunk.$Properties|null);
            firmwareProgress?: (hwbind.v1.FirmwareProgress.$Properties|null);
            firmwareResult?: (hwbind.v1.FirmwareResult.$Properties|null);
            ack?: (hwbind.v1.Ack.$Properties|null);
            error?: (hwbind.v1.ErrorReply.$Properties|null);
            body?: ("hello"|"helloAck"|"heartbeat"|"bindNotice"|"unbindNotice"|"reboot"|"directorySync"|"directoryRequest"|"enrollmentStart"|"enrollmentProgress"|"enrollmentResult"|"enrollmentCancel"|"templateSync"|"recordBatch"|"recordAck"|"doorOpen"|"doorResult"|"firmwareOffer"|"firmwareChunkRequest"|"firmwareChunk"|"firmwareProgress"|"firmwareResult"|"ack"|"error");
            static create(properties: hwbind.v1.Envelope.$Shape): hwbind.v1.Envelope & hwbind.v1.Envelope.$Shape;
            static create(properties?: hwbind.v1.Envelope.$Properties): hwbind.v1.Envelope;
            static encode(message: hwbind.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Envelope & hwbind.v1.Envelope.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Envelope & hwbind.v1.Envelope.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Envelope;
            static toObject(message: hwbind.v1.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Envelope {
            interface $Properties {
                id?: (string|null);
                replyTo?: (string|null);
                tsMs?: (number|null);
                hello?: (hwbind.v1.Hello.$Properties|null);
                helloAck?: (hwbind.v1.HelloAck.$Properties|null);
                heartbeat?: (hwbind.v1.Heartbeat.$Properties|null);
                bindNotice?: (hwbind.v1.BindNotice.$Properties|null);
                unbindNotice?: (hwbind.v1.UnbindNotice.$Properties|null);
                reboot?: (hwbind.v1.Reboot.$Properties|null);
                directorySync?: (hwbind.v1.DirectorySync.$Properties|null);
                directoryRequest?: (hwbind.v1.DirectoryRequest.$Properties|null);
                enrollmentStart?: (hwbind.v1.EnrollmentStart.$Properties|null);
                enrollmentProgress?: (hwbind.v1.EnrollmentProgress.$Properties|null);
                enrollmentResult?: (hwbind.v1.EnrollmentResult.$Properties|null);
                enrollmentCancel?: (hwbind.v1.EnrollmentCancel.$Properties|null);
                templateSync?: (hwbind.v1.TemplateSync.$Properties|null);
                recordBatch?: (hwbind.v1.RecordBatch.$Properties|null);
                recordAck?: (hwbind.v1.RecordAck.$Properties|null);
                doorOpen?: (hwbind.v1.DoorOpen.$Properties|null);
                doorResult?: (hwbind.v1.DoorResult.$Properties|null);
                firmwareOffer?: (hwbind.v1.FirmwareOffer.$Properties|null);
                firmwareChunkRequest?: (hwbind.v1.FirmwareChunkRequest.$Properties|null);
                firmwareChunk?: (hwbind.v1.FirmwareChunk.$Properties|null);
                firmwareProgress?: (hwbind.v1.FirmwareProgress.$Properties|null);
                firmwareResult?: (hwbind.v1.FirmwareResult.$Properties|null);
                ack?: (hwbind.v1.Ack.$Properties|null);
                error?: (hwbind.v1.ErrorReply.$Properties|null);
                body?: ("hello"|"helloAck"|"heartbeat"|"bindNotice"|"unbindNotice"|"reboot"|"directorySync"|"directoryRequest"|"enrollmentStart"|"enrollmentProgress"|"enrollmentResult"|"enrollmentCancel"|"templateSync"|"recordBatch"|"recordAck"|"doorOpen"|"doorResult"|"firmwareOffer"|"firmwareChunkRequest"|"firmwareChunk"|"firmwareProgress"|"firmwareResult"|"ack"|"error");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: string|null;
              replyTo?: string|null;
              tsMs?: number|null;
              hello?: hwbind.v1.Hello.$Shape|null;
              helloAck?: hwbind.v1.HelloAck.$Shape|null;
              heartbeat?: hwbind.v1.Heartbeat.$Shape|null;
              bindNotice?: hwbind.v1.BindNotice.$Shape|null;
              unbindNotice?: hwbind.v1.UnbindNotice.$Shape|null;
              reboot?: hwbind.v1.Reboot.$Shape|null;
              directorySync?: hwbind.v1.DirectorySync.$Shape|null;
              directoryRequest?: hwbind.v1.DirectoryRequest.$Shape|null;
              enrollmentStart?: hwbind.v1.EnrollmentStart.$Shape|null;
              enrollmentProgress?: hwbind.v1.EnrollmentProgress.$Shape|null;
              enrollmentResult?: hwbind.v1.EnrollmentResult.$Shape|null;
              enrollmentCancel?: hwbind.v1.EnrollmentCancel.$Shape|null;
              templateSync?: hwbind.v1.TemplateSync.$Shape|null;
              recordBatch?: hwbind.v1.RecordBatch.$Shape|null;
              recordAck?: hwbind.v1.RecordAck.$Shape|null;
              doorOpen?: hwbind.v1.DoorOpen.$Shape|null;
              doorResult?: hwbind.v1.DoorResult.$Shape|null;
              firmwareOffer?: hwbind.v1.FirmwareOffer.$Shape|null;
              firmwareChunkRequest?: hwbind.v1.FirmwareChunkRequest.$Shape|null;
              firmwareChunk?: hwbind.v1.FirmwareChunk.$Shape|null;
              firmwareProgress?: hwbind.v1.FirmwareProgress.$Shape|null;
              firmwareResult?: hwbind.v1.FirmwareResult.$Shape|null;
              ack?: hwbind.v1.Ack.$Shape|null;
              error?: hwbind.v1.ErrorReply.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "hello"; hello: hwbind.v1.Hello.$Shape; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "helloAck"; hello?: null; helloAck: hwbind.v1.HelloAck.$Shape; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "heartbeat"; hello?: null; helloAck?: null; heartbeat: hwbind.v1.Heartbeat.$Shape; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "bindNotice"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice: hwbind.v1.BindNotice.$Shape; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "unbindNotice"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice: hwbind.v1.UnbindNotice.$Shape; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "reboot"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot: hwbind.v1.Reboot.$Shape; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "directorySync"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync: hwbind.v1.DirectorySync.$Shape; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "directoryRequest"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest: hwbind.v1.DirectoryRequest.$Shape; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "enrollmentStart"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart: hwbind.v1.EnrollmentStart.$Shape; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "enrollmentProgress"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress: hwbind.v1.EnrollmentProgress.$Shape; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "enrollmentResult"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult: hwbind.v1.EnrollmentResult.$Shape; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "enrollmentCancel"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel: hwbind.v1.EnrollmentCancel.$Shape; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "templateSync"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync: hwbind.v1.TemplateSync.$Shape; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "recordBatch"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch: hwbind.v1.RecordBatch.$Shape; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "recordAck"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck: hwbind.v1.RecordAck.$Shape; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "doorOpen"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen: hwbind.v1.DoorOpen.$Shape; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "doorResult"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult: hwbind.v1.DoorResult.$Shape; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "firmwareOffer"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer: hwbind.v1.FirmwareOffer.$Shape; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "firmwareChunkRequest"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest: hwbind.v1.FirmwareChunkRequest.$Shape; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "firmwareChunk"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk: hwbind.v1.FirmwareChunk.$Shape; firmwareProgress?: null; firmwareResult?: null; ack?: null; error?: null }|{ body?: "firmwareProgress"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress: hwbind.v1.FirmwareProgress.$Shape; firmwareResult?: null; ack?: null; error?: null }|{ body?: "firmwareResult"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult: hwbind.v1.FirmwareResult.$Shape; ack?: null; error?: null }|{ body?: "ack"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack: hwbind.v1.Ack.$Shape; error?: null }|{ body?: "error"; hello?: null; helloAck?: null; heartbeat?: null; bindNotice?: null; unbindNotice?: null; reboot?: null; directorySync?: null; directoryRequest?: null; enrollmentStart?: null; enrollmentProgress?: null; enrollmentResult?: null; enrollmentCancel?: null; templateSync?: null; recordBatch?: null; recordAck?: null; doorOpen?: null; doorResult?: null; firmwareOffer?: null; firmwareChunkRequest?: null; firmwareChunk?: null; firmwareProgress?: null; firmwareResult?: null; ack?: null; error: hwbind.v1.ErrorReply.$Shape })
            );
        }

        enum Capability {
            CAPABILITY_UNSPECIFIED = 0,
            CAPABILITY_FACE = 1,
            CAPABILITY_FINGERPRINT = 2,
            CAPABILITY_CARD = 3,
            CAPABILITY_DOOR = 4,
            CAPABILITY_SCREEN = 5
        }

        enum SlotState {
            SLOT_STATE_UNSPECIFIED = 0,
            SLOT_STATE_EMPTY = 1,
            SLOT_STATE_CONFIRMED = 2,
            SLOT_STATE_PENDING_VERIFY = 3,
            SLOT_STATE_INVALID = 4
        }

        interface ISlot extends hwbind.v1.Slot.$Properties {
        }

        class Slot {
            constructor(properties?: hwbind.v1.Slot.$Properties);
            $unknowns?: Uint8Array[];
            index: number;
            version: string;
            sha256: Uint8Array;
            state: hwbind.v1.SlotState;
            active: boolean;
            static create(properties: hwbind.v1.Slot.$Shape): hwbind.v1.Slot & hwbind.v1.Slot.$Shape;
            static create(properties?: hwbind.v1.Slot.$Properties): hwbind.v1.Slot;
            static encode(message: hwbind.v1.Slot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Slot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Slot & hwbind.v1.Slot.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Slot & hwbind.v1.Slot.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Slot;
            static toObject(message: hwbind.v1.Slot, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Slot {
            interface $Properties {
                index?: (number|null);
                version?: (string|null);
                sha256?: (Uint8Array|null);
                state?: (hwbind.v1.SlotState|null);
                active?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Slot.$Properties;
        }

        interface INetworkInfo extends hwbind.v1.NetworkInfo.$Properties {
        }

        class NetworkInfo {
            constructor(properties?: hwbind.v1.NetworkInfo.$Properties);
            $unknowns?: Uint8Array[];
            ip: string;
            mac: string;
            rssiDbm: number;
            transport: string;
            static create(properties: hwbind.v1.NetworkInfo.$Shape): hwbind.v1.NetworkInfo & hwbind.v1.NetworkInfo.$Shape;
            static create(properties?: hwbind.v1.NetworkInfo.$Properties): hwbind.v1.NetworkInfo;
            static encode(message: hwbind.v1.NetworkInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.NetworkInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.NetworkInfo & hwbind.v1.NetworkInfo.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.NetworkInfo & hwbind.v1.NetworkInfo.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.NetworkInfo;
            static toObject(message: hwbind.v1.NetworkInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace NetworkInfo {
            interface $Properties {
                ip?: (string|null);
                mac?: (string|null);
                rssiDbm?: (number|null);
                transport?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.NetworkInfo.$Properties;
        }

        interface IHello extends hwbind.v1.Hello.$Properties {
        }

        class Hello {
            constructor(properties?: hwbind.v1.Hello.$Properties);
            $unknowns?: Uint8Array[];
            model: string;
            firmwareVersion: string;
            slots: hwbind.v1.Slot.$Properties[];
            capabilities: hwbind.v1.Capability[];
            directoryVersion: number;
            pendingRecords: number;
            network?: (hwbind.v1.NetworkInfo.$Properties|null);
            bootCount: number;
            bindingId: string;
            faceAlgorithm: string;
            fingerprintAlgorithm: string;
            static create(properties: hwbind.v1.Hello.$Shape): hwbind.v1.Hello & hwbind.v1.Hello.$Shape;
            static create(properties?: hwbind.v1.Hello.$Properties): hwbind.v1.Hello;
            static encode(message: hwbind.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Hello & hwbind.v1.Hello.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Hello & hwbind.v1.Hello.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Hello;
            static toObject(message: hwbind.v1.Hello, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {
            interface $Properties {
                model?: (string|null);
                firmwareVersion?: (string|null);
                slots?: (hwbind.v1.Slot.$Properties[]|null);
                capabilities?: (hwbind.v1.Capability[]|null);
                directoryVersion?: (number|null);
                pendingRecords?: (number|null);
                network?: (hwbind.v1.NetworkInfo.$Properties|null);
                bootCount?: (number|null);
                bindingId?: (string|null);
                faceAlgorithm?: (string|null);
                fingerprintAlgorithm?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Hello.$Properties;
        }

        interface IHelloAck extends hwbind.v1.HelloAck.$Properties {
        }

        class HelloAck {
            constructor(properties?: hwbind.v1.HelloAck.$Properties);
            $unknowns?: Uint8Array[];
            serverTimeMs: number;
            heartbeatIntervalS: number;
            binding?: (hwbind.v1.BindNotice.$Properties|null);
            directoryVersion: number;
            static create(properties: hwbind.v1.HelloAck.$Shape): hwbind.v1.HelloAck & hwbind.v1.HelloAck.$Shape;
            static create(properties?: hwbind.v1.HelloAck.$Properties): hwbind.v1.HelloAck;
            static encode(message: hwbind.v1.HelloAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.HelloAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.HelloAck & hwbind.v1.HelloAck.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.HelloAck & hwbind.v1.HelloAck.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.HelloAck;
            static toObject(message: hwbind.v1.HelloAck, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace HelloAck {
            interface $Properties {
                serverTimeMs?: (number|null);
                heartbeatIntervalS?: (number|null);
                binding?: (hwbind.v1.BindNotice.$Properties|null);
                directoryVersion?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.HelloAck.$Properties;
        }

        interface IHeartbeat extends hwbind.v1.Heartbeat.$Properties {
        }

        class Heartbeat {
            constructor(properties?: hwbind.v1.Heartbeat.$Properties);
            $unknowns?: Uint8Array[];
            uptimeS: number;
            pendingRecords: number;
            rssiDbm: number;
            static create(properties: hwbind.v1.Heartbeat.$Shape): hwbind.v1.Heartbeat & hwbind.v1.Heartbeat.$Shape;
            static create(properties?: hwbind.v1.Heartbeat.$Properties): hwbind.v1.Heartbeat;
            static encode(message: hwbind.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Heartbeat & hwbind.v1.Heartbeat.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Heartbeat & hwbind.v1.Heartbeat.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Heartbeat;
            static toObject(message: hwbind.v1.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {
            interface $Properties {
                uptimeS?: (number|null);
                pendingRecords?: (number|null);
                rssiDbm?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Heartbeat.$Properties;
        }

        interface IBindNotice extends hwbind.v1.BindNotice.$Properties {
        }

        class BindNotice {
            constructor(properties?: hwbind.v1.BindNotice.$Properties);
            $unknowns?: Uint8Array[];
            bindingId: string;
            corpId: string;
            corpName: string;
            deviceName: string;
            boundAtMs: number;
            static create(properties: hwbind.v1.BindNotice.$Shape): hwbind.v1.BindNotice & hwbind.v1.BindNotice.$Shape;
            static create(properties?: hwbind.v1.BindNotice.$Properties): hwbind.v1.BindNotice;
            static encode(message: hwbind.v1.BindNotice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.BindNotice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.BindNotice & hwbind.v1.BindNotice.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.BindNotice & hwbind.v1.BindNotice.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.BindNotice;
            static toObject(message: hwbind.v1.BindNotice, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BindNotice {
            interface $Properties {
                bindingId?: (string|null);
                corpId?: (string|null);
                corpName?: (string|null);
                deviceName?: (string|null);
                boundAtMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.BindNotice.$Properties;
        }

        interface IUnbindNotice extends hwbind.v1.UnbindNotice.$Properties {
        }

        class UnbindNotice {
            constructor(properties?: hwbind.v1.UnbindNotice.$Properties);
            $unknowns?: Uint8Array[];
            bindingId: string;
            reason: string;
            static create(properties: hwbind.v1.UnbindNotice.$Shape): hwbind.v1.UnbindNotice & hwbind.v1.UnbindNotice.$Shape;
            static create(properties?: hwbind.v1.UnbindNotice.$Properties): hwbind.v1.UnbindNotice;
            static encode(message: hwbind.v1.UnbindNotice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.UnbindNotice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.UnbindNotice & hwbind.v1.UnbindNotice.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.UnbindNotice & hwbind.v1.UnbindNotice.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.UnbindNotice;
            static toObject(message: hwbind.v1.UnbindNotice, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace UnbindNotice {
            interface $Properties {
                bindingId?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.UnbindNotice.$Properties;
        }

        interface IReboot extends hwbind.v1.Reboot.$Properties {
        }

        class Reboot {
            constructor(properties?: hwbind.v1.Reboot.$Properties);
            $unknowns?: Uint8Array[];
            reason: string;
            static create(properties: hwbind.v1.Reboot.$Shape): hwbind.v1.Reboot & hwbind.v1.Reboot.$Shape;
            static create(properties?: hwbind.v1.Reboot.$Properties): hwbind.v1.Reboot;
            static encode(message: hwbind.v1.Reboot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Reboot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Reboot & hwbind.v1.Reboot.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Reboot & hwbind.v1.Reboot.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Reboot;
            static toObject(message: hwbind.v1.Reboot, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Reboot {
            interface $Properties {
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Reboot.$Properties;
        }

        interface IDirectoryUser extends hwbind.v1.DirectoryUser.$Properties {
        }

        class DirectoryUser {
            constructor(properties?: hwbind.v1.DirectoryUser.$Properties);
            $unknowns?: Uint8Array[];
            userid: string;
            name: string;
            departmentIds: string[];
            cardNo: string;
            enrolledKinds: hwbind.v1.BiometricKind[];
            static create(properties: hwbind.v1.DirectoryUser.$Shape): hwbind.v1.DirectoryUser & hwbind.v1.DirectoryUser.$Shape;
            static create(properties?: hwbind.v1.DirectoryUser.$Properties): hwbind.v1.DirectoryUser;
            static encode(message: hwbind.v1.DirectoryUser.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.DirectoryUser.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.DirectoryUser & hwbind.v1.DirectoryUser.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.DirectoryUser & hwbind.v1.DirectoryUser.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.DirectoryUser;
            static toObject(message: hwbind.v1.DirectoryUser, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DirectoryUser {
            interface $Properties {
                userid?: (string|null);
                name?: (string|null);
                departmentIds?: (string[]|null);
                cardNo?: (string|null);
                enrolledKinds?: (hwbind.v1.BiometricKind[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.DirectoryUser.$Properties;
        }

        interface IDirectorySync extends hwbind.v1.DirectorySync.$Properties {
        }

        class DirectorySync {
            constructor(properties?: hwbind.v1.DirectorySync.$Properties);
            $unknowns?: Uint8Array[];
            version: number;
            baseVersion: number;
            full: boolean;
            upserts: hwbind.v1.DirectoryUser.$Properties[];
            removedUserids: string[];
            static create(properties: hwbind.v1.DirectorySync.$Shape): hwbind.v1.DirectorySync & hwbind.v1.DirectorySync.$Shape;
            static create(properties?: hwbind.v1.DirectorySync.$Properties): hwbind.v1.DirectorySync;
            static encode(message: hwbind.v1.DirectorySync.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.DirectorySync.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.DirectorySync & hwbind.v1.DirectorySync.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.DirectorySync & hwbind.v1.DirectorySync.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.DirectorySync;
            static toObject(message: hwbind.v1.DirectorySync, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DirectorySync {
            interface $Properties {
                version?: (number|null);
                baseVersion?: (number|null);
                full?: (boolean|null);
                upserts?: (hwbind.v1.DirectoryUser.$Properties[]|null);
                removedUserids?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.DirectorySync.$Properties;
        }

        interface IDirectoryRequest extends hwbind.v1.DirectoryRequest.$Properties {
        }

        class DirectoryRequest {
            constructor(properties?: hwbind.v1.DirectoryRequest.$Properties);
            $unknowns?: Uint8Array[];
            haveVersion: number;
            static create(properties: hwbind.v1.DirectoryRequest.$Shape): hwbind.v1.DirectoryRequest & hwbind.v1.DirectoryRequest.$Shape;
            static create(properties?: hwbind.v1.DirectoryRequest.$Properties): hwbind.v1.DirectoryRequest;
            static encode(message: hwbind.v1.DirectoryRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.DirectoryRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.DirectoryRequest & hwbind.v1.DirectoryRequest.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.DirectoryRequest & hwbind.v1.DirectoryRequest.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.DirectoryRequest;
            static toObject(message: hwbind.v1.DirectoryRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DirectoryRequest {
            interface $Properties {
                haveVersion?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.DirectoryRequest.$Properties;
        }

        enum BiometricKind {
            BIOMETRIC_KIND_UNSPECIFIED = 0,
            BIOMETRIC_KIND_FACE = 1,
            BIOMETRIC_KIND_FINGERPRINT = 2
        }

        interface IEnrollmentStart extends hwbind.v1.EnrollmentStart.$Properties {
        }

        class EnrollmentStart {
            constructor(properties?: hwbind.v1.EnrollmentStart.$Properties);
            $unknowns?: Uint8Array[];
            operationId: string;
            userid: string;
            kind: hwbind.v1.BiometricKind;
            timeoutS: number;
            samplesRequired: number;
            static create(properties: hwbind.v1.EnrollmentStart.$Shape): hwbind.v1.EnrollmentStart & hwbind.v1.EnrollmentStart.$Shape;
            static create(properties?: hwbind.v1.EnrollmentStart.$Properties): hwbind.v1.EnrollmentStart;
            static encode(message: hwbind.v1.EnrollmentStart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.EnrollmentStart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.EnrollmentStart & hwbind.v1.EnrollmentStart.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.EnrollmentStart & hwbind.v1.EnrollmentStart.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.EnrollmentStart;
            static toObject(message: hwbind.v1.EnrollmentStart, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnrollmentStart {
            interface $Properties {
                operationId?: (string|null);
                userid?: (string|null);
                kind?: (hwbind.v1.BiometricKind|null);
                timeoutS?: (number|null);
                samplesRequired?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.EnrollmentStart.$Properties;
        }

        interface IEnrollmentProgress extends hwbind.v1.EnrollmentProgress.$Properties {
        }

        class EnrollmentProgress {
            constructor(properties?: hwbind.v1.EnrollmentProgress.$Properties);
            $unknowns?: Uint8Array[];
            operationId: string;
            percent: number;
            samplesTaken: number;
            hint: string;
            static create(properties: hwbind.v1.EnrollmentProgress.$Shape): hwbind.v1.EnrollmentProgress & hwbind.v1.EnrollmentProgress.$Shape;
            static create(properties?: hwbind.v1.EnrollmentProgress.$Properties): hwbind.v1.EnrollmentProgress;
            static encode(message: hwbind.v1.EnrollmentProgress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.EnrollmentProgress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.EnrollmentProgress & hwbind.v1.EnrollmentProgress.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.EnrollmentProgress & hwbind.v1.EnrollmentProgress.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.EnrollmentProgress;
            static toObject(message: hwbind.v1.EnrollmentProgress, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnrollmentProgress {
            interface $Properties {
                operationId?: (string|null);
                percent?: (number|null);
                samplesTaken?: (number|null);
                hint?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.EnrollmentProgress.$Properties;
        }

        enum EnrollmentStatus {
            ENROLLMENT_STATUS_UNSPECIFIED = 0,
            ENROLLMENT_STATUS_COMPLETED = 1,
            ENROLLMENT_STATUS_FAILED = 2,
            ENROLLMENT_STATUS_CANCELLED = 3,
            ENROLLMENT_STATUS_TIMED_OUT = 4
        }

        interface ITemplate extends hwbind.v1.Template.$Properties {
        }

        class Template {
            constructor(properties?: hwbind.v1.Template.$Properties);
            $unknowns?: Uint8Array[];
            userid: string;
            kind: hwbind.v1.BiometricKind;
            index: number;
            algorithm: string;
            data: Uint8Array;
            sha256: Uint8Array;
            static create(properties: hwbind.v1.Template.$Shape): hwbind.v1.Template & hwbind.v1.Template.$Shape;
            static create(properties?: hwbind.v1.Template.$Properties): hwbind.v1.Template;
            static encode(message: hwbind.v1.Template.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Template.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Template & hwbind.v1.Template.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Template & hwbind.v1.Template.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Template;
            static toObject(message: hwbind.v1.Template, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Template {
            interface $Properties {
                userid?: (string|null);
                kind?: (hwbind.v1.BiometricKind|null);
                index?: (number|null);
                algorithm?: (string|null);
                data?: (Uint8Array|null);
                sha256?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Template.$Properties;
        }

        interface IEnrollmentResult extends hwbind.v1.EnrollmentResult.$Properties {
        }

        class EnrollmentResult {
            constructor(properties?: hwbind.v1.EnrollmentResult.$Properties);
            $unknowns?: Uint8Array[];
            operationId: string;
            status: hwbind.v1.EnrollmentStatus;
            code: string;
            template?: (hwbind.v1.Template.$Properties|null);
            static create(properties: hwbind.v1.EnrollmentResult.$Shape): hwbind.v1.EnrollmentResult & hwbind.v1.EnrollmentResult.$Shape;
            static create(properties?: hwbind.v1.EnrollmentResult.$Properties): hwbind.v1.EnrollmentResult;
            static encode(message: hwbind.v1.EnrollmentResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.EnrollmentResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.EnrollmentResult & hwbind.v1.EnrollmentResult.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.EnrollmentResult & hwbind.v1.EnrollmentResult.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.EnrollmentResult;
            static toObject(message: hwbind.v1.EnrollmentResult, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnrollmentResult {
            interface $Properties {
                operationId?: (string|null);
                status?: (hwbind.v1.EnrollmentStatus|null);
                code?: (string|null);
                template?: (hwbind.v1.Template.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.EnrollmentResult.$Properties;
        }

        interface IEnrollmentCancel extends hwbind.v1.EnrollmentCancel.$Properties {
        }

        class EnrollmentCancel {
            constructor(properties?: hwbind.v1.EnrollmentCancel.$Properties);
            $unknowns?: Uint8Array[];
            operationId: string;
            static create(properties: hwbind.v1.EnrollmentCancel.$Shape): hwbind.v1.EnrollmentCancel & hwbind.v1.EnrollmentCancel.$Shape;
            static create(properties?: hwbind.v1.EnrollmentCancel.$Properties): hwbind.v1.EnrollmentCancel;
            static encode(message: hwbind.v1.EnrollmentCancel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.EnrollmentCancel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.EnrollmentCancel & hwbind.v1.EnrollmentCancel.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.EnrollmentCancel & hwbind.v1.EnrollmentCancel.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.EnrollmentCancel;
            static toObject(message: hwbind.v1.EnrollmentCancel, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnrollmentCancel {
            interface $Properties {
                operationId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.EnrollmentCancel.$Properties;
        }

        interface ITemplateSync extends hwbind.v1.TemplateSync.$Properties {
        }

        class TemplateSync {
            constructor(properties?: hwbind.v1.TemplateSync.$Properties);
            $unknowns?: Uint8Array[];
            upserts: hwbind.v1.Template.$Properties[];
            removedUserids: string[];
            static create(properties: hwbind.v1.TemplateSync.$Shape): hwbind.v1.TemplateSync & hwbind.v1.TemplateSync.$Shape;
            static create(properties?: hwbind.v1.TemplateSync.$Properties): hwbind.v1.TemplateSync;
            static encode(message: hwbind.v1.TemplateSync.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.TemplateSync.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.TemplateSync & hwbind.v1.TemplateSync.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.TemplateSync & hwbind.v1.TemplateSync.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.TemplateSync;
            static toObject(message: hwbind.v1.TemplateSync, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TemplateSync {
            interface $Properties {
                upserts?: (hwbind.v1.Template.$Properties[]|null);
                removedUserids?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.TemplateSync.$Properties;
        }

        enum Direction {
            DIRECTION_UNSPECIFIED = 0,
            DIRECTION_IN = 1,
            DIRECTION_OUT = 2,
            DIRECTION_UNKNOWN = 3
        }

        enum Method {
            METHOD_UNSPECIFIED = 0,
            METHOD_FACE = 1,
            METHOD_QR = 2,
            METHOD_REMOTE = 3,
            METHOD_FINGERPRINT = 4,
            METHOD_CARD = 5
        }

        interface IRecord extends hwbind.v1.Record.$Properties {
        }

        class Record {
            constructor(properties?: hwbind.v1.Record.$Properties);
            $unknowns?: Uint8Array[];
            seq: number;
            userid: string;
            timeMs: number;
            direction: hwbind.v1.Direction;
            method: hwbind.v1.Method;
            cardNo: string;
            static create(properties: hwbind.v1.Record.$Shape): hwbind.v1.Record & hwbind.v1.Record.$Shape;
            static create(properties?: hwbind.v1.Record.$Properties): hwbind.v1.Record;
            static encode(message: hwbind.v1.Record.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Record.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Record & hwbind.v1.Record.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Record & hwbind.v1.Record.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Record;
            static toObject(message: hwbind.v1.Record, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Record {
            interface $Properties {
                seq?: (number|null);
                userid?: (string|null);
                timeMs?: (number|null);
                direction?: (hwbind.v1.Direction|null);
                method?: (hwbind.v1.Method|null);
                cardNo?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Record.$Properties;
        }

        interface IRecordBatch extends hwbind.v1.RecordBatch.$Properties {
        }

        class RecordBatch {
            constructor(properties?: hwbind.v1.RecordBatch.$Properties);
            $unknowns?: Uint8Array[];
            records: hwbind.v1.Record.$Properties[];
            static create(properties: hwbind.v1.RecordBatch.$Shape): hwbind.v1.RecordBatch & hwbind.v1.RecordBatch.$Shape;
            static create(properties?: hwbind.v1.RecordBatch.$Properties): hwbind.v1.RecordBatch;
            static encode(message: hwbind.v1.RecordBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.RecordBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.RecordBatch & hwbind.v1.RecordBatch.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.RecordBatch & hwbind.v1.RecordBatch.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.RecordBatch;
            static toObject(message: hwbind.v1.RecordBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RecordBatch {
            interface $Properties {
                records?: (hwbind.v1.Record.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.RecordBatch.$Properties;
        }

        interface IRejectedRecord extends hwbind.v1.RejectedRecord.$Properties {
        }

        class RejectedRecord {
            constructor(properties?: hwbind.v1.RejectedRecord.$Properties);
            $unknowns?: Uint8Array[];
            seq: number;
            code: string;
            static create(properties: hwbind.v1.RejectedRecord.$Shape): hwbind.v1.RejectedRecord & hwbind.v1.RejectedRecord.$Shape;
            static create(properties?: hwbind.v1.RejectedRecord.$Properties): hwbind.v1.RejectedRecord;
            static encode(message: hwbind.v1.RejectedRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.RejectedRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.RejectedRecord & hwbind.v1.RejectedRecord.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.RejectedRecord & hwbind.v1.RejectedRecord.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.RejectedRecord;
            static toObject(message: hwbind.v1.RejectedRecord, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RejectedRecord {
            interface $Properties {
                seq?: (number|null);
                code?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.RejectedRecord.$Properties;
        }

        interface IRecordAck extends hwbind.v1.RecordAck.$Properties {
        }

        class RecordAck {
            constructor(properties?: hwbind.v1.RecordAck.$Properties);
            $unknowns?: Uint8Array[];
            stored: number[];
            rejected: hwbind.v1.RejectedRecord.$Properties[];
            static create(properties: hwbind.v1.RecordAck.$Shape): hwbind.v1.RecordAck & hwbind.v1.RecordAck.$Shape;
            static create(properties?: hwbind.v1.RecordAck.$Properties): hwbind.v1.RecordAck;
            static encode(message: hwbind.v1.RecordAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.RecordAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.RecordAck & hwbind.v1.RecordAck.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.RecordAck & hwbind.v1.RecordAck.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.RecordAck;
            static toObject(message: hwbind.v1.RecordAck, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RecordAck {
            interface $Properties {
                stored?: (number[]|null);
                rejected?: (hwbind.v1.RejectedRecord.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.RecordAck.$Properties;
        }

        interface IDoorOpen extends hwbind.v1.DoorOpen.$Properties {
        }

        class DoorOpen {
            constructor(properties?: hwbind.v1.DoorOpen.$Properties);
            $unknowns?: Uint8Array[];
            operationId: string;
            requestedBy: string;
            holdMs: number;
            static create(properties: hwbind.v1.DoorOpen.$Shape): hwbind.v1.DoorOpen & hwbind.v1.DoorOpen.$Shape;
            static create(properties?: hwbind.v1.DoorOpen.$Properties): hwbind.v1.DoorOpen;
            static encode(message: hwbind.v1.DoorOpen.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.DoorOpen.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.DoorOpen & hwbind.v1.DoorOpen.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.DoorOpen & hwbind.v1.DoorOpen.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.DoorOpen;
            static toObject(message: hwbind.v1.DoorOpen, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DoorOpen {
            interface $Properties {
                operationId?: (string|null);
                requestedBy?: (string|null);
                holdMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.DoorOpen.$Properties;
        }

        interface IDoorResult extends hwbind.v1.DoorResult.$Properties {
        }

        class DoorResult {
            constructor(properties?: hwbind.v1.DoorResult.$Properties);
            $unknowns?: Uint8Array[];
            operationId: string;
            opened: boolean;
            code: string;
            static create(properties: hwbind.v1.DoorResult.$Shape): hwbind.v1.DoorResult & hwbind.v1.DoorResult.$Shape;
            static create(properties?: hwbind.v1.DoorResult.$Properties): hwbind.v1.DoorResult;
            static encode(message: hwbind.v1.DoorResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.DoorResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.DoorResult & hwbind.v1.DoorResult.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.DoorResult & hwbind.v1.DoorResult.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.DoorResult;
            static toObject(message: hwbind.v1.DoorResult, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DoorResult {
            interface $Properties {
                operationId?: (string|null);
                opened?: (boolean|null);
                code?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.DoorResult.$Properties;
        }

        interface IFirmwareOffer extends hwbind.v1.FirmwareOffer.$Properties {
        }

        class FirmwareOffer {
            constructor(properties?: hwbind.v1.FirmwareOffer.$Properties);
            $unknowns?: Uint8Array[];
            jobId: string;
            version: string;
            size: number;
            sha256: Uint8Array;
            chunkSize: number;
            releaseNotes: string;
            test: boolean;
            model: string;
            bindingId: string;
            allowDowngrade: boolean;
            static create(properties: hwbind.v1.FirmwareOffer.$Shape): hwbind.v1.FirmwareOffer & hwbind.v1.FirmwareOffer.$Shape;
            static create(properties?: hwbind.v1.FirmwareOffer.$Properties): hwbind.v1.FirmwareOffer;
            static encode(message: hwbind.v1.FirmwareOffer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.FirmwareOffer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.FirmwareOffer & hwbind.v1.FirmwareOffer.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.FirmwareOffer & hwbind.v1.FirmwareOffer.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.FirmwareOffer;
            static toObject(message: hwbind.v1.FirmwareOffer, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FirmwareOffer {
            interface $Properties {
                jobId?: (string|null);
                version?: (string|null);
                size?: (number|null);
                sha256?: (Uint8Array|null);
                chunkSize?: (number|null);
                releaseNotes?: (string|null);
                test?: (boolean|null);
                model?: (string|null);
                bindingId?: (string|null);
                allowDowngrade?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.FirmwareOffer.$Properties;
        }

        interface IFirmwareChunkRequest extends hwbind.v1.FirmwareChunkRequest.$Properties {
        }

        class FirmwareChunkRequest {
            constructor(properties?: hwbind.v1.FirmwareChunkRequest.$Properties);
            $unknowns?: Uint8Array[];
            jobId: string;
            offset: number;
            length: number;
            static create(properties: hwbind.v1.FirmwareChunkRequest.$Shape): hwbind.v1.FirmwareChunkRequest & hwbind.v1.FirmwareChunkRequest.$Shape;
            static create(properties?: hwbind.v1.FirmwareChunkRequest.$Properties): hwbind.v1.FirmwareChunkRequest;
            static encode(message: hwbind.v1.FirmwareChunkRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.FirmwareChunkRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.FirmwareChunkRequest & hwbind.v1.FirmwareChunkRequest.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.FirmwareChunkRequest & hwbind.v1.FirmwareChunkRequest.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.FirmwareChunkRequest;
            static toObject(message: hwbind.v1.FirmwareChunkRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FirmwareChunkRequest {
            interface $Properties {
                jobId?: (string|null);
                offset?: (number|null);
                length?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.FirmwareChunkRequest.$Properties;
        }

        interface IFirmwareChunk extends hwbind.v1.FirmwareChunk.$Properties {
        }

        class FirmwareChunk {
            constructor(properties?: hwbind.v1.FirmwareChunk.$Properties);
            $unknowns?: Uint8Array[];
            jobId: string;
            offset: number;
            data: Uint8Array;
            static create(properties: hwbind.v1.FirmwareChunk.$Shape): hwbind.v1.FirmwareChunk & hwbind.v1.FirmwareChunk.$Shape;
            static create(properties?: hwbind.v1.FirmwareChunk.$Properties): hwbind.v1.FirmwareChunk;
            static encode(message: hwbind.v1.FirmwareChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.FirmwareChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.FirmwareChunk & hwbind.v1.FirmwareChunk.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.FirmwareChunk & hwbind.v1.FirmwareChunk.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.FirmwareChunk;
            static toObject(message: hwbind.v1.FirmwareChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FirmwareChunk {
            interface $Properties {
                jobId?: (string|null);
                offset?: (number|null);
                data?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.FirmwareChunk.$Properties;
        }

        enum FirmwareState {
            FIRMWARE_STATE_UNSPECIFIED = 0,
            FIRMWARE_STATE_DOWNLOADING = 1,
            FIRMWARE_STATE_DOWNLOADED = 2,
            FIRMWARE_STATE_VERIFIED = 3,
            FIRMWARE_STATE_UPDATING = 4,
            FIRMWARE_STATE_REBOOTING = 5
        }

        interface IFirmwareProgress extends hwbind.v1.FirmwareProgress.$Properties {
        }

        class FirmwareProgress {
            constructor(properties?: hwbind.v1.FirmwareProgress.$Properties);
            $unknowns?: Uint8Array[];
            jobId: string;
            state: hwbind.v1.FirmwareState;
            bytesDone: number;
            percent: number;
            static create(properties: hwbind.v1.FirmwareProgress.$Shape): hwbind.v1.FirmwareProgress & hwbind.v1.FirmwareProgress.$Shape;
            static create(properties?: hwbind.v1.FirmwareProgress.$Properties): hwbind.v1.FirmwareProgress;
            static encode(message: hwbind.v1.FirmwareProgress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.FirmwareProgress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.FirmwareProgress & hwbind.v1.FirmwareProgress.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.FirmwareProgress & hwbind.v1.FirmwareProgress.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.FirmwareProgress;
            static toObject(message: hwbind.v1.FirmwareProgress, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FirmwareProgress {
            interface $Properties {
                jobId?: (string|null);
                state?: (hwbind.v1.FirmwareState|null);
                bytesDone?: (number|null);
                percent?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.FirmwareProgress.$Properties;
        }

        enum FirmwareOutcome {
            FIRMWARE_OUTCOME_UNSPECIFIED = 0,
            FIRMWARE_OUTCOME_SUCCEEDED = 1,
            FIRMWARE_OUTCOME_FAILED = 2,
            FIRMWARE_OUTCOME_REJECTED = 3,
            FIRMWARE_OUTCOME_REVERTED = 4
        }

        interface IFirmwareResult extends hwbind.v1.FirmwareResult.$Properties {
        }

        class FirmwareResult {
            constructor(properties?: hwbind.v1.FirmwareResult.$Properties);
            $unknowns?: Uint8Array[];
            jobId: string;
            outcome: hwbind.v1.FirmwareOutcome;
            version: string;
            code: string;
            message: string;
            static create(properties: hwbind.v1.FirmwareResult.$Shape): hwbind.v1.FirmwareResult & hwbind.v1.FirmwareResult.$Shape;
            static create(properties?: hwbind.v1.FirmwareResult.$Properties): hwbind.v1.FirmwareResult;
            static encode(message: hwbind.v1.FirmwareResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.FirmwareResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.FirmwareResult & hwbind.v1.FirmwareResult.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.FirmwareResult & hwbind.v1.FirmwareResult.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.FirmwareResult;
            static toObject(message: hwbind.v1.FirmwareResult, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FirmwareResult {
            interface $Properties {
                jobId?: (string|null);
                outcome?: (hwbind.v1.FirmwareOutcome|null);
                version?: (string|null);
                code?: (string|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.FirmwareResult.$Properties;
        }

        interface IAck extends hwbind.v1.Ack.$Properties {
        }

        class Ack {
            constructor(properties?: hwbind.v1.Ack.$Properties);
            $unknowns?: Uint8Array[];
            static create(properties: hwbind.v1.Ack.$Shape): hwbind.v1.Ack & hwbind.v1.Ack.$Shape;
            static create(properties?: hwbind.v1.Ack.$Properties): hwbind.v1.Ack;
            static encode(message: hwbind.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.Ack & hwbind.v1.Ack.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.Ack & hwbind.v1.Ack.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.Ack;
            static toObject(message: hwbind.v1.Ack, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.Ack.$Properties;
        }

        interface IErrorReply extends hwbind.v1.ErrorReply.$Properties {
        }

        class ErrorReply {
            constructor(properties?: hwbind.v1.ErrorReply.$Properties);
            $unknowns?: Uint8Array[];
            code: string;
            message: string;
            topic: string;
            static create(properties: hwbind.v1.ErrorReply.$Shape): hwbind.v1.ErrorReply & hwbind.v1.ErrorReply.$Shape;
            static create(properties?: hwbind.v1.ErrorReply.$Properties): hwbind.v1.ErrorReply;
            static encode(message: hwbind.v1.ErrorReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: hwbind.v1.ErrorReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): hwbind.v1.ErrorReply & hwbind.v1.ErrorReply.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): hwbind.v1.ErrorReply & hwbind.v1.ErrorReply.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): hwbind.v1.ErrorReply;
            static toObject(message: hwbind.v1.ErrorReply, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ErrorReply {
            interface $Properties {
                code?: (string|null);
                message?: (string|null);
                topic?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hwbind.v1.ErrorReply.$Properties;
        }
    }
}
