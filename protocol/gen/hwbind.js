/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean, $Array = $util.global.Array;

const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const hwbind = $root.hwbind = (() => {

    const hwbind = {};

    hwbind.v1 = (function() {

        const v1 = {};

        v1.Envelope = (function() {

            const Envelope = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Envelope.prototype.id = "";
            Envelope.prototype.replyTo = "";
            Envelope.prototype.tsMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            Envelope.prototype.hello = null;
            Envelope.prototype.helloAck = null;
            Envelope.prototype.heartbeat = null;
            Envelope.prototype.bindNotice = null;
            Envelope.prototype.unbindNotice = null;
            Envelope.prototype.reboot = null;
            Envelope.prototype.directorySync = null;
            Envelope.prototype.directoryRequest = null;
            Envelope.prototype.enrollmentStart = null;
            Envelope.prototype.enrollmentProgress = null;
            Envelope.prototype.enrollmentResult = null;
            Envelope.prototype.enrollmentCancel = null;
            Envelope.prototype.templateSync = null;
            Envelope.prototype.recordBatch = null;
            Envelope.prototype.recordAck = null;
            Envelope.prototype.doorOpen = null;
            Envelope.prototype.doorResult = null;
            Envelope.prototype.firmwareOffer = null;
            Envelope.prototype.firmwareChunkRequest = null;
            Envelope.prototype.firmwareChunk = null;
            Envelope.prototype.firmwareProgress = null;
            Envelope.prototype.firmwareResult = null;
            Envelope.prototype.ack = null;
            Envelope.prototype.error = null;

            let $oneOfFields;

            $Object.defineProperty(Envelope.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "helloAck", "heartbeat", "bindNotice", "unbindNotice", "reboot", "directorySync", "directoryRequest", "enrollmentStart", "enrollmentProgress", "enrollmentResult", "enrollmentCancel", "templateSync", "recordBatch", "recordAck", "doorOpen", "doorResult", "firmwareOffer", "firmwareChunkRequest", "firmwareChunk", "firmwareProgress", "firmwareResult", "ack", "error"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            Envelope.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(10).string(message.id);
                if (message.replyTo != null && $Object.hasOwnProperty.call(message, "replyTo") && message.replyTo !== "")
                    writer.uint32(18).string(message.replyTo);
                if (message.tsMs != null && $Object.hasOwnProperty.call(message, "tsMs") && (typeof message.tsMs === "object" ? message.tsMs.low || message.tsMs.high : message.tsMs !== 0))
                    writer.uint32(24).uint64(message.tsMs);
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.hwbind.v1.Hello.encode(message.hello, writer.uint32(82).fork(), _depth + 1).ldelim();
                if (message.helloAck != null && $Object.hasOwnProperty.call(message, "helloAck"))
                    $root.hwbind.v1.HelloAck.encode(message.helloAck, writer.uint32(90).fork(), _depth + 1).ldelim();
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                    $root.hwbind.v1.Heartbeat.encode(message.heartbeat, writer.uint32(98).fork(), _depth + 1).ldelim();
                if (message.bindNotice != null && $Object.hasOwnProperty.call(message, "bindNotice"))
                    $root.hwbind.v1.BindNotice.encode(message.bindNotice, writer.uint32(106).fork(), _depth + 1).ldelim();
                if (message.unbindNotice != null && $Object.hasOwnProperty.call(message, "unbindNotice"))
                    $root.hwbind.v1.UnbindNotice.encode(message.unbindNotice, writer.uint32(114).fork(), _depth + 1).ldelim();
                if (message.reboot != null && $Object.hasOwnProperty.call(message, "reboot"))
                    $root.hwbind.v1.Reboot.encode(message.reboot, writer.uint32(122).fork(), _depth + 1).ldelim();
                if (message.directorySync != null && $Object.hasOwnProperty.call(message, "directorySync"))
                    $root.hwbind.v1.DirectorySync.encode(message.directorySync, writer.uint32(162).fork(), _depth + 1).ldelim();
                if (message.directoryRequest != null && $Object.hasOwnProperty.call(message, "directoryRequest"))
                    $root.hwbind.v1.DirectoryRequest.encode(message.directoryRequest, writer.uint32(170).fork(), _depth + 1).ldelim();
                if (message.enrollmentStart != null && $Object.hasOwnProperty.call(message, "enrollmentStart"))
                    $root.hwbind.v1.EnrollmentStart.encode(message.enrollmentStart, writer.uint32(242).fork(), _depth + 1).ldelim();
                if (message.enrollmentProgress != null && $Object.hasOwnProperty.call(message, "enrollmentProgress"))
                    $root.hwbind.v1.EnrollmentProgress.encode(message.enrollmentProgress, writer.uint32(250).fork(), _depth + 1).ldelim();
                if (message.enrollmentResult != null && $Object.hasOwnProperty.call(message, "enrollmentResult"))
                    $root.hwbind.v1.EnrollmentResult.encode(message.enrollmentResult, writer.uint32(258).fork(), _depth + 1).ldelim();
                if (message.enrollmentCancel != null && $Object.hasOwnProperty.call(message, "enrollmentCancel"))
                    $root.hwbind.v1.EnrollmentCancel.encode(message.enrollmentCancel, writer.uint32(266).fork(), _depth + 1).ldelim();
                if (message.templateSync != null && $Object.hasOwnProperty.call(message, "templateSync"))
                    $root.hwbind.v1.TemplateSync.encode(message.templateSync, writer.uint32(274).fork(), _depth + 1).ldelim();
                if (message.recordBatch != null && $Object.hasOwnProperty.call(message, "recordBatch"))
                    $root.hwbind.v1.RecordBatch.encode(message.recordBatch, writer.uint32(322).fork(), _depth + 1).ldelim();
                if (message.recordAck != null && $Object.hasOwnProperty.call(message, "recordAck"))
                    $root.hwbind.v1.RecordAck.encode(message.recordAck, writer.uint32(330).fork(), _depth + 1).ldelim();
                if (message.doorOpen != null && $Object.hasOwnProperty.call(message, "doorOpen"))
                    $root.hwbind.v1.DoorOpen.encode(message.doorOpen, writer.uint32(402).fork(), _depth + 1).ldelim();
                if (message.doorResult != null && $Object.hasOwnProperty.call(message, "doorResult"))
                    $root.hwbind.v1.DoorResult.encode(message.doorResult, writer.uint32(410).fork(), _depth + 1).ldelim();
                if (message.firmwareOffer != null && $Object.hasOwnProperty.call(message, "firmwareOffer"))
                    $root.hwbind.v1.FirmwareOffer.encode(message.firmwareOffer, writer.uint32(482).fork(), _depth + 1).ldelim();
                if (message.firmwareChunkRequest != null && $Object.hasOwnProperty.call(message, "firmwareChunkRequest"))
                    $root.hwbind.v1.FirmwareChunkRequest.encode(message.firmwareChunkRequest, writer.uint32(490).fork(), _depth + 1).ldelim();
                if (message.firmwareChunk != null && $Object.hasOwnProperty.call(message, "firmwareChunk"))
                    $root.hwbind.v1.FirmwareChunk.encode(message.firmwareChunk, writer.uint32(498).fork(), _depth + 1).ldelim();
                if (message.firmwareProgress != null && $Object.hasOwnProperty.call(message, "firmwareProgress"))
                    $root.hwbind.v1.FirmwareProgress.encode(message.firmwareProgress, writer.uint32(506).fork(), _depth + 1).ldelim();
                if (message.firmwareResult != null && $Object.hasOwnProperty.call(message, "firmwareResult"))
                    $root.hwbind.v1.FirmwareResult.encode(message.firmwareResult, writer.uint32(514).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.hwbind.v1.Ack.encode(message.ack, writer.uint32(802).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.hwbind.v1.ErrorReply.encode(message.error, writer.uint32(810).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Envelope.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Envelope.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Envelope();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.replyTo = value;
                            else
                                delete message.replyTo;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.tsMs = value;
                            else
                                delete message.tsMs;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.hwbind.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.body = "hello";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.helloAck = $root.hwbind.v1.HelloAck.decode(reader, reader.size(), $undefined, _depth + 1, message.helloAck);
                            message.body = "helloAck";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.heartbeat = $root.hwbind.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                            message.body = "heartbeat";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.bindNotice = $root.hwbind.v1.BindNotice.decode(reader, reader.size(), $undefined, _depth + 1, message.bindNotice);
                            message.body = "bindNotice";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.unbindNotice = $root.hwbind.v1.UnbindNotice.decode(reader, reader.size(), $undefined, _depth + 1, message.unbindNotice);
                            message.body = "unbindNotice";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.reboot = $root.hwbind.v1.Reboot.decode(reader, reader.size(), $undefined, _depth + 1, message.reboot);
                            message.body = "reboot";
                            continue;
                        }
                    case 20: {
                            if (wireType !== 2)
                                break;
                            message.directorySync = $root.hwbind.v1.DirectorySync.decode(reader, reader.size(), $undefined, _depth + 1, message.directorySync);
                            message.body = "directorySync";
                            continue;
                        }
                    case 21: {
                            if (wireType !== 2)
                                break;
                            message.directoryRequest = $root.hwbind.v1.DirectoryRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.directoryRequest);
                            message.body = "directoryRequest";
                            continue;
                        }
                    case 30: {
                            if (wireType !== 2)
                                break;
                            message.enrollmentStart = $root.hwbind.v1.EnrollmentStart.decode(reader, reader.size(), $undefined, _depth + 1, message.enrollmentStart);
                            message.body = "enrollmentStart";
                            continue;
                        }
                    case 31: {
                            if (wireType !== 2)
                                break;
                            message.enrollmentProgress = $root.hwbind.v1.EnrollmentProgress.decode(reader, reader.size(), $undefined, _depth + 1, message.enrollmentProgress);
                            message.body = "enrollmentProgress";
                            continue;
                        }
                    case 32: {
                            if (wireType !== 2)
                                break;
                            message.enrollmentResult = $root.hwbind.v1.EnrollmentResult.decode(reader, reader.size(), $undefined, _depth + 1, message.enrollmentResult);
                            message.body = "enrollmentResult";
                            continue;
                        }
                    case 33: {
                            if (wireType !== 2)
                                break;
                            message.enrollmentCancel = $root.hwbind.v1.EnrollmentCancel.decode(reader, reader.size(), $undefined, _depth + 1, message.enrollmentCancel);
                            message.body = "enrollmentCancel";
                            continue;
                        }
                    case 34: {
                            if (wireType !== 2)
                                break;
                            message.templateSync = $root.hwbind.v1.TemplateSync.decode(reader, reader.size(), $undefined, _depth + 1, message.templateSync);
                            message.body = "templateSync";
                            continue;
                        }
                    case 40: {
                            if (wireType !== 2)
                                break;
                            message.recordBatch = $root.hwbind.v1.RecordBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.recordBatch);
                            message.body = "recordBatch";
                            continue;
                        }
                    case 41: {
                            if (wireType !== 2)
                                break;
                            message.recordAck = $root.hwbind.v1.RecordAck.decode(reader, reader.size(), $undefined, _depth + 1, message.recordAck);
                            message.body = "recordAck";
                            continue;
                        }
                    case 50: {
                            if (wireType !== 2)
                                break;
                            message.doorOpen = $root.hwbind.v1.DoorOpen.decode(reader, reader.size(), $undefined, _depth + 1, message.doorOpen);
                            message.body = "doorOpen";
                            continue;
                        }
                    case 51: {
                            if (wireType !== 2)
                                break;
                            message.doorResult = $root.hwbind.v1.DoorResult.decode(reader, reader.size(), $undefined, _depth + 1, message.doorResult);
                            message.body = "doorResult";
                            continue;
                        }
                    case 60: {
                            if (wireType !== 2)
                                break;
                            message.firmwareOffer = $root.hwbind.v1.FirmwareOffer.decode(reader, reader.size(), $undefined, _depth + 1, message.firmwareOffer);
                            message.body = "firmwareOffer";
                            continue;
                        }
                    case 61: {
                            if (wireType !== 2)
                                break;
                            message.firmwareChunkRequest = $root.hwbind.v1.FirmwareChunkRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.firmwareChunkRequest);
                            message.body = "firmwareChunkRequest";
                            continue;
                        }
                    case 62: {
                            if (wireType !== 2)
                                break;
                            message.firmwareChunk = $root.hwbind.v1.FirmwareChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.firmwareChunk);
                            message.body = "firmwareChunk";
                            continue;
                        }
                    case 63: {
                            if (wireType !== 2)
                                break;
                            message.firmwareProgress = $root.hwbind.v1.FirmwareProgress.decode(reader, reader.size(), $undefined, _depth + 1, message.firmwareProgress);
                            message.body = "firmwareProgress";
                            continue;
                        }
                    case 64: {
                            if (wireType !== 2)
                                break;
                            message.firmwareResult = $root.hwbind.v1.FirmwareResult.decode(reader, reader.size(), $undefined, _depth + 1, message.firmwareResult);
                            message.body = "firmwareResult";
                            continue;
                        }
                    case 100: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.hwbind.v1.Ack.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.body = "ack";
                            continue;
                        }
                    case 101: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.hwbind.v1.ErrorReply.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.body = "error";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Envelope.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Envelope.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isString(message.id))
                        return "id: string expected";
                if (message.replyTo != null && $Object.hasOwnProperty.call(message, "replyTo"))
                    if (!$util.isString(message.replyTo))
                        return "replyTo: string expected";
                if (message.tsMs != null && $Object.hasOwnProperty.call(message, "tsMs"))
                    if (!$util.isInteger(message.tsMs) && !(message.tsMs && $util.isInteger(message.tsMs.low) && $util.isInteger(message.tsMs.high)))
                        return "tsMs: integer|Long expected";
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.Hello.verify(message.hello, _depth + 1);
                        if (error)
                            return "hello." + error;
                    }
                }
                if (message.helloAck != null && $Object.hasOwnProperty.call(message, "helloAck")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.HelloAck.verify(message.helloAck, _depth + 1);
                        if (error)
                            return "helloAck." + error;
                    }
                }
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.Heartbeat.verify(message.heartbeat, _depth + 1);
                        if (error)
                            return "heartbeat." + error;
                    }
                }
                if (message.bindNotice != null && $Object.hasOwnProperty.call(message, "bindNotice")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.BindNotice.verify(message.bindNotice, _depth + 1);
                        if (error)
                            return "bindNotice." + error;
                    }
                }
                if (message.unbindNotice != null && $Object.hasOwnProperty.call(message, "unbindNotice")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.UnbindNotice.verify(message.unbindNotice, _depth + 1);
                        if (error)
                            return "unbindNotice." + error;
                    }
                }
                if (message.reboot != null && $Object.hasOwnProperty.call(message, "reboot")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.Reboot.verify(message.reboot, _depth + 1);
                        if (error)
                            return "reboot." + error;
                    }
                }
                if (message.directorySync != null && $Object.hasOwnProperty.call(message, "directorySync")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.DirectorySync.verify(message.directorySync, _depth + 1);
                        if (error)
                            return "directorySync." + error;
                    }
                }
                if (message.directoryRequest != null && $Object.hasOwnProperty.call(message, "directoryRequest")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.DirectoryRequest.verify(message.directoryRequest, _depth + 1);
                        if (error)
                            return "directoryRequest." + error;
                    }
                }
                if (message.enrollmentStart != null && $Object.hasOwnProperty.call(message, "enrollmentStart")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.EnrollmentStart.verify(message.enrollmentStart, _depth + 1);
                        if (error)
                            return "enrollmentStart." + error;
                    }
                }
                if (message.enrollmentProgress != null && $Object.hasOwnProperty.call(message, "enrollmentProgress")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.EnrollmentProgress.verify(message.enrollmentProgress, _depth + 1);
                        if (error)
                            return "enrollmentProgress." + error;
                    }
                }
                if (message.enrollmentResult != null && $Object.hasOwnProperty.call(message, "enrollmentResult")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.EnrollmentResult.verify(message.enrollmentResult, _depth + 1);
                        if (error)
                            return "enrollmentResult." + error;
                    }
                }
                if (message.enrollmentCancel != null && $Object.hasOwnProperty.call(message, "enrollmentCancel")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.EnrollmentCancel.verify(message.enrollmentCancel, _depth + 1);
                        if (error)
                            return "enrollmentCancel." + error;
                    }
                }
                if (message.templateSync != null && $Object.hasOwnProperty.call(message, "templateSync")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.TemplateSync.verify(message.templateSync, _depth + 1);
                        if (error)
                            return "templateSync." + error;
                    }
                }
                if (message.recordBatch != null && $Object.hasOwnProperty.call(message, "recordBatch")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.RecordBatch.verify(message.recordBatch, _depth + 1);
                        if (error)
                            return "recordBatch." + error;
                    }
                }
                if (message.recordAck != null && $Object.hasOwnProperty.call(message, "recordAck")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.RecordAck.verify(message.recordAck, _depth + 1);
                        if (error)
                            return "recordAck." + error;
                    }
                }
                if (message.doorOpen != null && $Object.hasOwnProperty.call(message, "doorOpen")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.DoorOpen.verify(message.doorOpen, _depth + 1);
                        if (error)
                            return "doorOpen." + error;
                    }
                }
                if (message.doorResult != null && $Object.hasOwnProperty.call(message, "doorResult")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.DoorResult.verify(message.doorResult, _depth + 1);
                        if (error)
                            return "doorResult." + error;
                    }
                }
                if (message.firmwareOffer != null && $Object.hasOwnProperty.call(message, "firmwareOffer")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.FirmwareOffer.verify(message.firmwareOffer, _depth + 1);
                        if (error)
                            return "firmwareOffer." + error;
                    }
                }
                if (message.firmwareChunkRequest != null && $Object.hasOwnProperty.call(message, "firmwareChunkRequest")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.FirmwareChunkRequest.verify(message.firmwareChunkRequest, _depth + 1);
                        if (error)
                            return "firmwareChunkRequest." + error;
                    }
                }
                if (message.firmwareChunk != null && $Object.hasOwnProperty.call(message, "firmwareChunk")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.FirmwareChunk.verify(message.firmwareChunk, _depth + 1);
                        if (error)
                            return "firmwareChunk." + error;
                    }
                }
                if (message.firmwareProgress != null && $Object.hasOwnProperty.call(message, "firmwareProgress")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.FirmwareProgress.verify(message.firmwareProgress, _depth + 1);
                        if (error)
                            return "firmwareProgress." + error;
                    }
                }
                if (message.firmwareResult != null && $Object.hasOwnProperty.call(message, "firmwareResult")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.FirmwareResult.verify(message.firmwareResult, _depth + 1);
                        if (error)
                            return "firmwareResult." + error;
                    }
                }
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.Ack.verify(message.ack, _depth + 1);
                        if (error)
                            return "ack." + error;
                    }
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.hwbind.v1.ErrorReply.verify(message.error, _depth + 1);
                        if (error)
                            return "error." + error;
                    }
                }
                return null;
            };

            Envelope.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Envelope)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Envelope: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Envelope();
                if (object.id != null)
                    if (typeof object.id !== "string" || object.id.length)
                        message.id = $String(object.id);
                if (object.replyTo != null)
                    if (typeof object.replyTo !== "string" || object.replyTo.length)
                        message.replyTo = $String(object.replyTo);
                if (object.tsMs != null)
                    if (typeof object.tsMs === "object" ? object.tsMs.low || object.tsMs.high : $Number(object.tsMs) !== 0)
                        if ($util.Long)
                            message.tsMs = $util.Long.fromValue(object.tsMs, true);
                        else if (typeof object.tsMs === "string")
                            message.tsMs = $parseInt(object.tsMs, 10);
                        else if (typeof object.tsMs === "number")
                            message.tsMs = object.tsMs;
                        else if (typeof object.tsMs === "object")
                            message.tsMs = new $util.LongBits(object.tsMs.low >>> 0, object.tsMs.high >>> 0).toNumber(true);
                if (object.hello != null) {
                    if (!$util.isObject(object.hello))
                        throw $TypeError(".hwbind.v1.Envelope.hello: object expected");
                    message.hello = $root.hwbind.v1.Hello.fromObject(object.hello, _depth + 1);
                }
                if (object.helloAck != null) {
                    if (!$util.isObject(object.helloAck))
                        throw $TypeError(".hwbind.v1.Envelope.helloAck: object expected");
                    message.helloAck = $root.hwbind.v1.HelloAck.fromObject(object.helloAck, _depth + 1);
                }
                if (object.heartbeat != null) {
                    if (!$util.isObject(object.heartbeat))
                        throw $TypeError(".hwbind.v1.Envelope.heartbeat: object expected");
                    message.heartbeat = $root.hwbind.v1.Heartbeat.fromObject(object.heartbeat, _depth + 1);
                }
                if (object.bindNotice != null) {
                    if (!$util.isObject(object.bindNotice))
                        throw $TypeError(".hwbind.v1.Envelope.bindNotice: object expected");
                    message.bindNotice = $root.hwbind.v1.BindNotice.fromObject(object.bindNotice, _depth + 1);
                }
                if (object.unbindNotice != null) {
                    if (!$util.isObject(object.unbindNotice))
                        throw $TypeError(".hwbind.v1.Envelope.unbindNotice: object expected");
                    message.unbindNotice = $root.hwbind.v1.UnbindNotice.fromObject(object.unbindNotice, _depth + 1);
                }
                if (object.reboot != null) {
                    if (!$util.isObject(object.reboot))
                        throw $TypeError(".hwbind.v1.Envelope.reboot: object expected");
                    message.reboot = $root.hwbind.v1.Reboot.fromObject(object.reboot, _depth + 1);
                }
                if (object.directorySync != null) {
                    if (!$util.isObject(object.directorySync))
                        throw $TypeError(".hwbind.v1.Envelope.directorySync: object expected");
                    message.directorySync = $root.hwbind.v1.DirectorySync.fromObject(object.directorySync, _depth + 1);
                }
                if (object.directoryRequest != null) {
                    if (!$util.isObject(object.directoryRequest))
                        throw $TypeError(".hwbind.v1.Envelope.directoryRequest: object expected");
                    message.directoryRequest = $root.hwbind.v1.DirectoryRequest.fromObject(object.directoryRequest, _depth + 1);
                }
                if (object.enrollmentStart != null) {
                    if (!$util.isObject(object.enrollmentStart))
                        throw $TypeError(".hwbind.v1.Envelope.enrollmentStart: object expected");
                    message.enrollmentStart = $root.hwbind.v1.EnrollmentStart.fromObject(object.enrollmentStart, _depth + 1);
                }
                if (object.enrollmentProgress != null) {
                    if (!$util.isObject(object.enrollmentProgress))
                        throw $TypeError(".hwbind.v1.Envelope.enrollmentProgress: object expected");
                    message.enrollmentProgress = $root.hwbind.v1.EnrollmentProgress.fromObject(object.enrollmentProgress, _depth + 1);
                }
                if (object.enrollmentResult != null) {
                    if (!$util.isObject(object.enrollmentResult))
                        throw $TypeError(".hwbind.v1.Envelope.enrollmentResult: object expected");
                    message.enrollmentResult = $root.hwbind.v1.EnrollmentResult.fromObject(object.enrollmentResult, _depth + 1);
                }
                if (object.enrollmentCancel != null) {
                    if (!$util.isObject(object.enrollmentCancel))
                        throw $TypeError(".hwbind.v1.Envelope.enrollmentCancel: object expected");
                    message.enrollmentCancel = $root.hwbind.v1.EnrollmentCancel.fromObject(object.enrollmentCancel, _depth + 1);
                }
                if (object.templateSync != null) {
                    if (!$util.isObject(object.templateSync))
                        throw $TypeError(".hwbind.v1.Envelope.templateSync: object expected");
                    message.templateSync = $root.hwbind.v1.TemplateSync.fromObject(object.templateSync, _depth + 1);
                }
                if (object.recordBatch != null) {
                    if (!$util.isObject(object.recordBatch))
                        throw $TypeError(".hwbind.v1.Envelope.recordBatch: object expected");
                    message.recordBatch = $root.hwbind.v1.RecordBatch.fromObject(object.recordBatch, _depth + 1);
                }
                if (object.recordAck != null) {
                    if (!$util.isObject(object.recordAck))
                        throw $TypeError(".hwbind.v1.Envelope.recordAck: object expected");
                    message.recordAck = $root.hwbind.v1.RecordAck.fromObject(object.recordAck, _depth + 1);
                }
                if (object.doorOpen != null) {
                    if (!$util.isObject(object.doorOpen))
                        throw $TypeError(".hwbind.v1.Envelope.doorOpen: object expected");
                    message.doorOpen = $root.hwbind.v1.DoorOpen.fromObject(object.doorOpen, _depth + 1);
                }
                if (object.doorResult != null) {
                    if (!$util.isObject(object.doorResult))
                        throw $TypeError(".hwbind.v1.Envelope.doorResult: object expected");
                    message.doorResult = $root.hwbind.v1.DoorResult.fromObject(object.doorResult, _depth + 1);
                }
                if (object.firmwareOffer != null) {
                    if (!$util.isObject(object.firmwareOffer))
                        throw $TypeError(".hwbind.v1.Envelope.firmwareOffer: object expected");
                    message.firmwareOffer = $root.hwbind.v1.FirmwareOffer.fromObject(object.firmwareOffer, _depth + 1);
                }
                if (object.firmwareChunkRequest != null) {
                    if (!$util.isObject(object.firmwareChunkRequest))
                        throw $TypeError(".hwbind.v1.Envelope.firmwareChunkRequest: object expected");
                    message.firmwareChunkRequest = $root.hwbind.v1.FirmwareChunkRequest.fromObject(object.firmwareChunkRequest, _depth + 1);
                }
                if (object.firmwareChunk != null) {
                    if (!$util.isObject(object.firmwareChunk))
                        throw $TypeError(".hwbind.v1.Envelope.firmwareChunk: object expected");
                    message.firmwareChunk = $root.hwbind.v1.FirmwareChunk.fromObject(object.firmwareChunk, _depth + 1);
                }
                if (object.firmwareProgress != null) {
                    if (!$util.isObject(object.firmwareProgress))
                        throw $TypeError(".hwbind.v1.Envelope.firmwareProgress: object expected");
                    message.firmwareProgress = $root.hwbind.v1.FirmwareProgress.fromObject(object.firmwareProgress, _depth + 1);
                }
                if (object.firmwareResult != null) {
                    if (!$util.isObject(object.firmwareResult))
                        throw $TypeError(".hwbind.v1.Envelope.firmwareResult: object expected");
                    message.firmwareResult = $root.hwbind.v1.FirmwareResult.fromObject(object.firmwareResult, _depth + 1);
                }
                if (object.ack != null) {
                    if (!$util.isObject(object.ack))
                        throw $TypeError(".hwbind.v1.Envelope.ack: object expected");
                    message.ack = $root.hwbind.v1.Ack.fromObject(object.ack, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".hwbind.v1.Envelope.error: object expected");
                    message.error = $root.hwbind.v1.ErrorReply.fromObject(object.error, _depth + 1);
                }
                return message;
            };

            Envelope.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.id = "";
                    object.replyTo = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.tsMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.tsMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.replyTo != null && $Object.hasOwnProperty.call(message, "replyTo"))
                    object.replyTo = message.replyTo;
                if (message.tsMs != null && $Object.hasOwnProperty.call(message, "tsMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.tsMs = typeof message.tsMs === "number" ? $BigInt(message.tsMs) : $util.Long.fromBits(message.tsMs.low >>> 0, message.tsMs.high >>> 0, true).toBigInt();
                    else if (typeof message.tsMs === "number")
                        object.tsMs = options.longs === $String ? $String(message.tsMs) : message.tsMs;
                    else
                        object.tsMs = options.longs === $String ? $util.Long.prototype.toString.call(message.tsMs) : options.longs === $Number ? new $util.LongBits(message.tsMs.low >>> 0, message.tsMs.high >>> 0).toNumber(true) : message.tsMs;
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    object.hello = $root.hwbind.v1.Hello.toObject(message.hello, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "hello";
                }
                if (message.helloAck != null && $Object.hasOwnProperty.call(message, "helloAck")) {
                    object.helloAck = $root.hwbind.v1.HelloAck.toObject(message.helloAck, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "helloAck";
                }
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                    object.heartbeat = $root.hwbind.v1.Heartbeat.toObject(message.heartbeat, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "heartbeat";
                }
                if (message.bindNotice != null && $Object.hasOwnProperty.call(message, "bindNotice")) {
                    object.bindNotice = $root.hwbind.v1.BindNotice.toObject(message.bindNotice, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "bindNotice";
                }
                if (message.unbindNotice != null && $Object.hasOwnProperty.call(message, "unbindNotice")) {
                    object.unbindNotice = $root.hwbind.v1.UnbindNotice.toObject(message.unbindNotice, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "unbindNotice";
                }
                if (message.reboot != null && $Object.hasOwnProperty.call(message, "reboot")) {
                    object.reboot = $root.hwbind.v1.Reboot.toObject(message.reboot, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "reboot";
                }
                if (message.directorySync != null && $Object.hasOwnProperty.call(message, "directorySync")) {
                    object.directorySync = $root.hwbind.v1.DirectorySync.toObject(message.directorySync, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "directorySync";
                }
                if (message.directoryRequest != null && $Object.hasOwnProperty.call(message, "directoryRequest")) {
                    object.directoryRequest = $root.hwbind.v1.DirectoryRequest.toObject(message.directoryRequest, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "directoryRequest";
                }
                if (message.enrollmentStart != null && $Object.hasOwnProperty.call(message, "enrollmentStart")) {
                    object.enrollmentStart = $root.hwbind.v1.EnrollmentStart.toObject(message.enrollmentStart, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "enrollmentStart";
                }
                if (message.enrollmentProgress != null && $Object.hasOwnProperty.call(message, "enrollmentProgress")) {
                    object.enrollmentProgress = $root.hwbind.v1.EnrollmentProgress.toObject(message.enrollmentProgress, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "enrollmentProgress";
                }
                if (message.enrollmentResult != null && $Object.hasOwnProperty.call(message, "enrollmentResult")) {
                    object.enrollmentResult = $root.hwbind.v1.EnrollmentResult.toObject(message.enrollmentResult, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "enrollmentResult";
                }
                if (message.enrollmentCancel != null && $Object.hasOwnProperty.call(message, "enrollmentCancel")) {
                    object.enrollmentCancel = $root.hwbind.v1.EnrollmentCancel.toObject(message.enrollmentCancel, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "enrollmentCancel";
                }
                if (message.templateSync != null && $Object.hasOwnProperty.call(message, "templateSync")) {
                    object.templateSync = $root.hwbind.v1.TemplateSync.toObject(message.templateSync, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "templateSync";
                }
                if (message.recordBatch != null && $Object.hasOwnProperty.call(message, "recordBatch")) {
                    object.recordBatch = $root.hwbind.v1.RecordBatch.toObject(message.recordBatch, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "recordBatch";
                }
                if (message.recordAck != null && $Object.hasOwnProperty.call(message, "recordAck")) {
                    object.recordAck = $root.hwbind.v1.RecordAck.toObject(message.recordAck, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "recordAck";
                }
                if (message.doorOpen != null && $Object.hasOwnProperty.call(message, "doorOpen")) {
                    object.doorOpen = $root.hwbind.v1.DoorOpen.toObject(message.doorOpen, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "doorOpen";
                }
                if (message.doorResult != null && $Object.hasOwnProperty.call(message, "doorResult")) {
                    object.doorResult = $root.hwbind.v1.DoorResult.toObject(message.doorResult, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "doorResult";
                }
                if (message.firmwareOffer != null && $Object.hasOwnProperty.call(message, "firmwareOffer")) {
                    object.firmwareOffer = $root.hwbind.v1.FirmwareOffer.toObject(message.firmwareOffer, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "firmwareOffer";
                }
                if (message.firmwareChunkRequest != null && $Object.hasOwnProperty.call(message, "firmwareChunkRequest")) {
                    object.firmwareChunkRequest = $root.hwbind.v1.FirmwareChunkRequest.toObject(message.firmwareChunkRequest, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "firmwareChunkRequest";
                }
                if (message.firmwareChunk != null && $Object.hasOwnProperty.call(message, "firmwareChunk")) {
                    object.firmwareChunk = $root.hwbind.v1.FirmwareChunk.toObject(message.firmwareChunk, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "firmwareChunk";
                }
                if (message.firmwareProgress != null && $Object.hasOwnProperty.call(message, "firmwareProgress")) {
                    object.firmwareProgress = $root.hwbind.v1.FirmwareProgress.toObject(message.firmwareProgress, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "firmwareProgress";
                }
                if (message.firmwareResult != null && $Object.hasOwnProperty.call(message, "firmwareResult")) {
                    object.firmwareResult = $root.hwbind.v1.FirmwareResult.toObject(message.firmwareResult, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "firmwareResult";
                }
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    object.ack = $root.hwbind.v1.Ack.toObject(message.ack, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "ack";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.hwbind.v1.ErrorReply.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "error";
                }
                return object;
            };

            Envelope.prototype.toJSON = function() {
                return Envelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            Envelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Envelope";
            };

            return Envelope;
        })();

        v1.Capability = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CAPABILITY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CAPABILITY_FACE"] = 1;
            values[valuesById[2] = "CAPABILITY_FINGERPRINT"] = 2;
            values[valuesById[3] = "CAPABILITY_CARD"] = 3;
            values[valuesById[4] = "CAPABILITY_DOOR"] = 4;
            values[valuesById[5] = "CAPABILITY_SCREEN"] = 5;
            return values;
        })();

        v1.SlotState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SLOT_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SLOT_STATE_EMPTY"] = 1;
            values[valuesById[2] = "SLOT_STATE_CONFIRMED"] = 2;
            values[valuesById[3] = "SLOT_STATE_PENDING_VERIFY"] = 3;
            values[valuesById[4] = "SLOT_STATE_INVALID"] = 4;
            return values;
        })();

        v1.Slot = (function() {

            const Slot = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Slot.prototype.index = 0;
            Slot.prototype.version = "";
            Slot.prototype.sha256 = $util.newBuffer([]);
            Slot.prototype.state = 0;
            Slot.prototype.active = false;

            Slot.create = function(properties) {
                return new Slot(properties);
            };

            Slot.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                    writer.uint32(8).uint32(message.index);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(18).string(message.version);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                    writer.uint32(26).bytes(message.sha256);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(32).int32(message.state);
                if (message.active != null && $Object.hasOwnProperty.call(message, "active") && message.active !== false)
                    writer.uint32(40).bool(message.active);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Slot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Slot.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Slot();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.active = value;
                            else
                                delete message.active;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Slot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Slot.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!(message.sha256 && typeof message.sha256.length === "number" || $util.isString(message.sha256)))
                        return "sha256: buffer expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                if (message.active != null && $Object.hasOwnProperty.call(message, "active"))
                    if (typeof message.active !== "boolean")
                        return "active: boolean expected";
                return null;
            };

            Slot.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Slot)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Slot: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Slot();
                if (object.index != null)
                    if ($Number(object.index) !== 0)
                        message.index = object.index >>> 0;
                if (object.version != null)
                    if (typeof object.version !== "string" || object.version.length)
                        message.version = $String(object.version);
                if (object.sha256 != null)
                    if (object.sha256.length)
                        if (typeof object.sha256 === "string")
                            $util.base64.decode(object.sha256, message.sha256 = $util.newBuffer($util.base64.length(object.sha256)), 0);
                        else if (object.sha256.length >= 0)
                            message.sha256 = object.sha256;
                if (object.state !== 0 && (typeof object.state !== "string" || $root.hwbind.v1.SlotState[object.state] !== 0))
                    switch (object.state) {
                    case "SLOT_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "SLOT_STATE_EMPTY":
                    case 1:
                        message.state = 1;
                        break;
                    case "SLOT_STATE_CONFIRMED":
                    case 2:
                        message.state = 2;
                        break;
                    case "SLOT_STATE_PENDING_VERIFY":
                    case 3:
                        message.state = 3;
                        break;
                    case "SLOT_STATE_INVALID":
                    case 4:
                        message.state = 4;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                if (object.active != null)
                    if (object.active)
                        message.active = $Boolean(object.active);
                return message;
            };

            Slot.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.index = 0;
                    object.version = "";
                    if (options.bytes === $String)
                        object.sha256 = "";
                    else {
                        object.sha256 = [];
                        if (options.bytes !== $Array)
                            object.sha256 = $util.newBuffer(object.sha256);
                    }
                    object.state = options.enums === $String ? "SLOT_STATE_UNSPECIFIED" : 0;
                    object.active = false;
                }
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = options.bytes === $String ? $util.base64.encode(message.sha256, 0, message.sha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sha256) : message.sha256;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.hwbind.v1.SlotState[message.state] === $undefined ? message.state : $root.hwbind.v1.SlotState[message.state] : message.state;
                if (message.active != null && $Object.hasOwnProperty.call(message, "active"))
                    object.active = message.active;
                return object;
            };

            Slot.prototype.toJSON = function() {
                return Slot.toObject(this, $protobuf.util.toJSONOptions);
            };

            Slot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Slot";
            };

            return Slot;
        })();

        v1.NetworkInfo = (function() {

            const NetworkInfo = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            NetworkInfo.prototype.ip = "";
            NetworkInfo.prototype.mac = "";
            NetworkInfo.prototype.rssiDbm = 0;
            NetworkInfo.prototype.transport = "";

            NetworkInfo.create = function(properties) {
                return new NetworkInfo(properties);
            };

            NetworkInfo.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ip != null && $Object.hasOwnProperty.call(message, "ip") && message.ip !== "")
                    writer.uint32(10).string(message.ip);
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac") && message.mac !== "")
                    writer.uint32(18).string(message.mac);
                if (message.rssiDbm != null && $Object.hasOwnProperty.call(message, "rssiDbm") && message.rssiDbm !== 0)
                    writer.uint32(24).sint32(message.rssiDbm);
                if (message.transport != null && $Object.hasOwnProperty.call(message, "transport") && message.transport !== "")
                    writer.uint32(34).string(message.transport);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            NetworkInfo.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            NetworkInfo.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.NetworkInfo();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ip = value;
                            else
                                delete message.ip;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.mac = value;
                            else
                                delete message.mac;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.rssiDbm = value;
                            else
                                delete message.rssiDbm;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.transport = value;
                            else
                                delete message.transport;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            NetworkInfo.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            NetworkInfo.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.ip != null && $Object.hasOwnProperty.call(message, "ip"))
                    if (!$util.isString(message.ip))
                        return "ip: string expected";
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    if (!$util.isString(message.mac))
                        return "mac: string expected";
                if (message.rssiDbm != null && $Object.hasOwnProperty.call(message, "rssiDbm"))
                    if (!$util.isInteger(message.rssiDbm))
                        return "rssiDbm: integer expected";
                if (message.transport != null && $Object.hasOwnProperty.call(message, "transport"))
                    if (!$util.isString(message.transport))
                        return "transport: string expected";
                return null;
            };

            NetworkInfo.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.NetworkInfo)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.NetworkInfo: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.NetworkInfo();
                if (object.ip != null)
                    if (typeof object.ip !== "string" || object.ip.length)
                        message.ip = $String(object.ip);
                if (object.mac != null)
                    if (typeof object.mac !== "string" || object.mac.length)
                        message.mac = $String(object.mac);
                if (object.rssiDbm != null)
                    if ($Number(object.rssiDbm) !== 0)
                        message.rssiDbm = object.rssiDbm | 0;
                if (object.transport != null)
                    if (typeof object.transport !== "string" || object.transport.length)
                        message.transport = $String(object.transport);
                return message;
            };

            NetworkInfo.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.ip = "";
                    object.mac = "";
                    object.rssiDbm = 0;
                    object.transport = "";
                }
                if (message.ip != null && $Object.hasOwnProperty.call(message, "ip"))
                    object.ip = message.ip;
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    object.mac = message.mac;
                if (message.rssiDbm != null && $Object.hasOwnProperty.call(message, "rssiDbm"))
                    object.rssiDbm = message.rssiDbm;
                if (message.transport != null && $Object.hasOwnProperty.call(message, "transport"))
                    object.transport = message.transport;
                return object;
            };

            NetworkInfo.prototype.toJSON = function() {
                return NetworkInfo.toObject(this, $protobuf.util.toJSONOptions);
            };

            NetworkInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.NetworkInfo";
            };

            return NetworkInfo;
        })();

        v1.Hello = (function() {

            const Hello = function (properties) {
                this.slots = [];
                this.capabilities = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Hello.prototype.model = "";
            Hello.prototype.firmwareVersion = "";
            Hello.prototype.slots = $util.emptyArray;
            Hello.prototype.capabilities = $util.emptyArray;
            Hello.prototype.directoryVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            Hello.prototype.pendingRecords = 0;
            Hello.prototype.network = null;
            Hello.prototype.bootCount = 0;
            Hello.prototype.bindingId = "";
            Hello.prototype.faceAlgorithm = "";
            Hello.prototype.fingerprintAlgorithm = "";

            Hello.create = function(properties) {
                return new Hello(properties);
            };

            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.model != null && $Object.hasOwnProperty.call(message, "model") && message.model !== "")
                    writer.uint32(10).string(message.model);
                if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion") && message.firmwareVersion !== "")
                    writer.uint32(18).string(message.firmwareVersion);
                if (message.slots != null && message.slots.length)
                    for (let i = 0; i < message.slots.length; ++i)
                        $root.hwbind.v1.Slot.encode(message.slots[i], writer.uint32(26).fork(), _depth + 1).ldelim();
                if (message.capabilities != null && message.capabilities.length)
                    writer.uint32(34).int32s(message.capabilities);
                if (message.directoryVersion != null && $Object.hasOwnProperty.call(message, "directoryVersion") && (typeof message.directoryVersion === "object" ? message.directoryVersion.low || message.directoryVersion.high : message.directoryVersion !== 0))
                    writer.uint32(40).uint64(message.directoryVersion);
                if (message.pendingRecords != null && $Object.hasOwnProperty.call(message, "pendingRecords") && message.pendingRecords !== 0)
                    writer.uint32(48).uint32(message.pendingRecords);
                if (message.network != null && $Object.hasOwnProperty.call(message, "network"))
                    $root.hwbind.v1.NetworkInfo.encode(message.network, writer.uint32(58).fork(), _depth + 1).ldelim();
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount") && message.bootCount !== 0)
                    writer.uint32(64).uint32(message.bootCount);
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId") && message.bindingId !== "")
                    writer.uint32(74).string(message.bindingId);
                if (message.faceAlgorithm != null && $Object.hasOwnProperty.call(message, "faceAlgorithm") && message.faceAlgorithm !== "")
                    writer.uint32(82).string(message.faceAlgorithm);
                if (message.fingerprintAlgorithm != null && $Object.hasOwnProperty.call(message, "fingerprintAlgorithm") && message.fingerprintAlgorithm !== "")
                    writer.uint32(90).string(message.fingerprintAlgorithm);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Hello.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.model = value;
                            else
                                delete message.model;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.firmwareVersion = value;
                            else
                                delete message.firmwareVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.slots && message.slots.length))
                                message.slots = [];
                            message.slots.push($root.hwbind.v1.Slot.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType === 2) {
                                if (!(message.capabilities && message.capabilities.length))
                                    message.capabilities = [];
                                reader.int32s(message.capabilities);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.capabilities && message.capabilities.length))
                                message.capabilities = [];
                            message.capabilities.push(reader.int32());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.directoryVersion = value;
                            else
                                delete message.directoryVersion;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.pendingRecords = value;
                            else
                                delete message.pendingRecords;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.network = $root.hwbind.v1.NetworkInfo.decode(reader, reader.size(), $undefined, _depth + 1, message.network);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.bootCount = value;
                            else
                                delete message.bootCount;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.bindingId = value;
                            else
                                delete message.bindingId;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.faceAlgorithm = value;
                            else
                                delete message.faceAlgorithm;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.fingerprintAlgorithm = value;
                            else
                                delete message.fingerprintAlgorithm;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Hello.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Hello.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    if (!$util.isString(message.model))
                        return "model: string expected";
                if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion"))
                    if (!$util.isString(message.firmwareVersion))
                        return "firmwareVersion: string expected";
                if (message.slots != null && $Object.hasOwnProperty.call(message, "slots")) {
                    if (!$Array.isArray(message.slots))
                        return "slots: array expected";
                    for (let i = 0; i < message.slots.length; ++i) {
                        let error = $root.hwbind.v1.Slot.verify(message.slots[i], _depth + 1);
                        if (error)
                            return "slots." + error;
                    }
                }
                if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities")) {
                    if (!$Array.isArray(message.capabilities))
                        return "capabilities: array expected";
                    for (let i = 0; i < message.capabilities.length; ++i)
                        if (typeof message.capabilities[i] !== "number" || (message.capabilities[i] | 0) !== message.capabilities[i])
                            return "capabilities: enum value[] expected";
                }
                if (message.directoryVersion != null && $Object.hasOwnProperty.call(message, "directoryVersion"))
                    if (!$util.isInteger(message.directoryVersion) && !(message.directoryVersion && $util.isInteger(message.directoryVersion.low) && $util.isInteger(message.directoryVersion.high)))
                        return "directoryVersion: integer|Long expected";
                if (message.pendingRecords != null && $Object.hasOwnProperty.call(message, "pendingRecords"))
                    if (!$util.isInteger(message.pendingRecords))
                        return "pendingRecords: integer expected";
                if (message.network != null && $Object.hasOwnProperty.call(message, "network")) {
                    let error = $root.hwbind.v1.NetworkInfo.verify(message.network, _depth + 1);
                    if (error)
                        return "network." + error;
                }
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount"))
                    if (!$util.isInteger(message.bootCount))
                        return "bootCount: integer expected";
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    if (!$util.isString(message.bindingId))
                        return "bindingId: string expected";
                if (message.faceAlgorithm != null && $Object.hasOwnProperty.call(message, "faceAlgorithm"))
                    if (!$util.isString(message.faceAlgorithm))
                        return "faceAlgorithm: string expected";
                if (message.fingerprintAlgorithm != null && $Object.hasOwnProperty.call(message, "fingerprintAlgorithm"))
                    if (!$util.isString(message.fingerprintAlgorithm))
                        return "fingerprintAlgorithm: string expected";
                return null;
            };

            Hello.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Hello)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Hello: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Hello();
                if (object.model != null)
                    if (typeof object.model !== "string" || object.model.length)
                        message.model = $String(object.model);
                if (object.firmwareVersion != null)
                    if (typeof object.firmwareVersion !== "string" || object.firmwareVersion.length)
                        message.firmwareVersion = $String(object.firmwareVersion);
                if (object.slots) {
                    if (!$Array.isArray(object.slots))
                        throw $TypeError(".hwbind.v1.Hello.slots: array expected");
                    message.slots = $Array(object.slots.length);
                    for (let i = 0; i < object.slots.length; ++i) {
                        if (!$util.isObject(object.slots[i]))
                            throw $TypeError(".hwbind.v1.Hello.slots: object expected");
                        message.slots[i] = $root.hwbind.v1.Slot.fromObject(object.slots[i], _depth + 1);
                    }
                }
                if (object.capabilities) {
                    if (!$Array.isArray(object.capabilities))
                        throw $TypeError(".hwbind.v1.Hello.capabilities: array expected");
                    message.capabilities = [];
                    for (let i = 0; i < object.capabilities.length; ++i)
                        switch (object.capabilities[i]) {
                        case "CAPABILITY_UNSPECIFIED":
                        case 0:
                            message.capabilities[message.capabilities.length] = 0;
                            break;
                        case "CAPABILITY_FACE":
                        case 1:
                            message.capabilities[message.capabilities.length] = 1;
                            break;
                        case "CAPABILITY_FINGERPRINT":
                        case 2:
                            message.capabilities[message.capabilities.length] = 2;
                            break;
                        case "CAPABILITY_CARD":
                        case 3:
                            message.capabilities[message.capabilities.length] = 3;
                            break;
                        case "CAPABILITY_DOOR":
                        case 4:
                            message.capabilities[message.capabilities.length] = 4;
                            break;
                        case "CAPABILITY_SCREEN":
                        case 5:
                            message.capabilities[message.capabilities.length] = 5;
                            break;
                        default:
                            if (typeof object.capabilities[i] === "number" && (object.capabilities[i] | 0) === object.capabilities[i])
                                message.capabilities[message.capabilities.length] = object.capabilities[i];
                        }
                }
                if (object.directoryVersion != null)
                    if (typeof object.directoryVersion === "object" ? object.directoryVersion.low || object.directoryVersion.high : $Number(object.directoryVersion) !== 0)
                        if ($util.Long)
                            message.directoryVersion = $util.Long.fromValue(object.directoryVersion, true);
                        else if (typeof object.directoryVersion === "string")
                            message.directoryVersion = $parseInt(object.directoryVersion, 10);
                        else if (typeof object.directoryVersion === "number")
                            message.directoryVersion = object.directoryVersion;
                        else if (typeof object.directoryVersion === "object")
                            message.directoryVersion = new $util.LongBits(object.directoryVersion.low >>> 0, object.directoryVersion.high >>> 0).toNumber(true);
                if (object.pendingRecords != null)
                    if ($Number(object.pendingRecords) !== 0)
                        message.pendingRecords = object.pendingRecords >>> 0;
                if (object.network != null) {
                    if (!$util.isObject(object.network))
                        throw $TypeError(".hwbind.v1.Hello.network: object expected");
                    message.network = $root.hwbind.v1.NetworkInfo.fromObject(object.network, _depth + 1);
                }
                if (object.bootCount != null)
                    if ($Number(object.bootCount) !== 0)
                        message.bootCount = object.bootCount >>> 0;
                if (object.bindingId != null)
                    if (typeof object.bindingId !== "string" || object.bindingId.length)
                        message.bindingId = $String(object.bindingId);
                if (object.faceAlgorithm != null)
                    if (typeof object.faceAlgorithm !== "string" || object.faceAlgorithm.length)
                        message.faceAlgorithm = $String(object.faceAlgorithm);
                if (object.fingerprintAlgorithm != null)
                    if (typeof object.fingerprintAlgorithm !== "string" || object.fingerprintAlgorithm.length)
                        message.fingerprintAlgorithm = $String(object.fingerprintAlgorithm);
                return message;
            };

            Hello.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.slots = [];
                    object.capabilities = [];
                }
                if (options.defaults) {
                    object.model = "";
                    object.firmwareVersion = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.directoryVersion = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.directoryVersion = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.pendingRecords = 0;
                    object.network = null;
                    object.bootCount = 0;
                    object.bindingId = "";
                    object.faceAlgorithm = "";
                    object.fingerprintAlgorithm = "";
                }
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    object.model = message.model;
                if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion"))
                    object.firmwareVersion = message.firmwareVersion;
                if (message.slots && message.slots.length) {
                    object.slots = $Array(message.slots.length);
                    for (let j = 0; j < message.slots.length; ++j)
                        object.slots[j] = $root.hwbind.v1.Slot.toObject(message.slots[j], options, _depth + 1);
                }
                if (message.capabilities && message.capabilities.length) {
                    object.capabilities = $Array(message.capabilities.length);
                    for (let j = 0; j < message.capabilities.length; ++j)
                        object.capabilities[j] = options.enums === $String ? $root.hwbind.v1.Capability[message.capabilities[j]] === $undefined ? message.capabilities[j] : $root.hwbind.v1.Capability[message.capabilities[j]] : message.capabilities[j];
                }
                if (message.directoryVersion != null && $Object.hasOwnProperty.call(message, "directoryVersion"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.directoryVersion = typeof message.directoryVersion === "number" ? $BigInt(message.directoryVersion) : $util.Long.fromBits(message.directoryVersion.low >>> 0, message.directoryVersion.high >>> 0, true).toBigInt();
                    else if (typeof message.directoryVersion === "number")
                        object.directoryVersion = options.longs === $String ? $String(message.directoryVersion) : message.directoryVersion;
                    else
                        object.directoryVersion = options.longs === $String ? $util.Long.prototype.toString.call(message.directoryVersion) : options.longs === $Number ? new $util.LongBits(message.directoryVersion.low >>> 0, message.directoryVersion.high >>> 0).toNumber(true) : message.directoryVersion;
                if (message.pendingRecords != null && $Object.hasOwnProperty.call(message, "pendingRecords"))
                    object.pendingRecords = message.pendingRecords;
                if (message.network != null && $Object.hasOwnProperty.call(message, "network"))
                    object.network = $root.hwbind.v1.NetworkInfo.toObject(message.network, options, _depth + 1);
                if (message.bootCount != null && $Object.hasOwnProperty.call(message, "bootCount"))
                    object.bootCount = message.bootCount;
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    object.bindingId = message.bindingId;
                if (message.faceAlgorithm != null && $Object.hasOwnProperty.call(message, "faceAlgorithm"))
                    object.faceAlgorithm = message.faceAlgorithm;
                if (message.fingerprintAlgorithm != null && $Object.hasOwnProperty.call(message, "fingerprintAlgorithm"))
                    object.fingerprintAlgorithm = message.fingerprintAlgorithm;
                return object;
            };

            Hello.prototype.toJSON = function() {
                return Hello.toObject(this, $protobuf.util.toJSONOptions);
            };

            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Hello";
            };

            return Hello;
        })();

        v1.HelloAck = (function() {

            const HelloAck = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            HelloAck.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            HelloAck.prototype.heartbeatIntervalS = 0;
            HelloAck.prototype.binding = null;
            HelloAck.prototype.directoryVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            HelloAck.create = function(properties) {
                return new HelloAck(properties);
            };

            HelloAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                    writer.uint32(8).uint64(message.serverTimeMs);
                if (message.heartbeatIntervalS != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalS") && message.heartbeatIntervalS !== 0)
                    writer.uint32(16).uint32(message.heartbeatIntervalS);
                if (message.binding != null && $Object.hasOwnProperty.call(message, "binding"))
                    $root.hwbind.v1.BindNotice.encode(message.binding, writer.uint32(26).fork(), _depth + 1).ldelim();
                if (message.directoryVersion != null && $Object.hasOwnProperty.call(message, "directoryVersion") && (typeof message.directoryVersion === "object" ? message.directoryVersion.low || message.directoryVersion.high : message.directoryVersion !== 0))
                    writer.uint32(32).uint64(message.directoryVersion);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            HelloAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            HelloAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.HelloAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTimeMs = value;
                            else
                                delete message.serverTimeMs;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatIntervalS = value;
                            else
                                delete message.heartbeatIntervalS;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.binding = $root.hwbind.v1.BindNotice.decode(reader, reader.size(), $undefined, _depth + 1, message.binding);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.directoryVersion = value;
                            else
                                delete message.directoryVersion;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            HelloAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            HelloAck.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                    if (!$util.isInteger(message.serverTimeMs) && !(message.serverTimeMs && $util.isInteger(message.serverTimeMs.low) && $util.isInteger(message.serverTimeMs.high)))
                        return "serverTimeMs: integer|Long expected";
                if (message.heartbeatIntervalS != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalS"))
                    if (!$util.isInteger(message.heartbeatIntervalS))
                        return "heartbeatIntervalS: integer expected";
                if (message.binding != null && $Object.hasOwnProperty.call(message, "binding")) {
                    let error = $root.hwbind.v1.BindNotice.verify(message.binding, _depth + 1);
                    if (error)
                        return "binding." + error;
                }
                if (message.directoryVersion != null && $Object.hasOwnProperty.call(message, "directoryVersion"))
                    if (!$util.isInteger(message.directoryVersion) && !(message.directoryVersion && $util.isInteger(message.directoryVersion.low) && $util.isInteger(message.directoryVersion.high)))
                        return "directoryVersion: integer|Long expected";
                return null;
            };

            HelloAck.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.HelloAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.HelloAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.HelloAck();
                if (object.serverTimeMs != null)
                    if (typeof object.serverTimeMs === "object" ? object.serverTimeMs.low || object.serverTimeMs.high : $Number(object.serverTimeMs) !== 0)
                        if ($util.Long)
                            message.serverTimeMs = $util.Long.fromValue(object.serverTimeMs, true);
                        else if (typeof object.serverTimeMs === "string")
                            message.serverTimeMs = $parseInt(object.serverTimeMs, 10);
                        else if (typeof object.serverTimeMs === "number")
                            message.serverTimeMs = object.serverTimeMs;
                        else if (typeof object.serverTimeMs === "object")
                            message.serverTimeMs = new $util.LongBits(object.serverTimeMs.low >>> 0, object.serverTimeMs.high >>> 0).toNumber(true);
                if (object.heartbeatIntervalS != null)
                    if ($Number(object.heartbeatIntervalS) !== 0)
                        message.heartbeatIntervalS = object.heartbeatIntervalS >>> 0;
                if (object.binding != null) {
                    if (!$util.isObject(object.binding))
                        throw $TypeError(".hwbind.v1.HelloAck.binding: object expected");
                    message.binding = $root.hwbind.v1.BindNotice.fromObject(object.binding, _depth + 1);
                }
                if (object.directoryVersion != null)
                    if (typeof object.directoryVersion === "object" ? object.directoryVersion.low || object.directoryVersion.high : $Number(object.directoryVersion) !== 0)
                        if ($util.Long)
                            message.directoryVersion = $util.Long.fromValue(object.directoryVersion, true);
                        else if (typeof object.directoryVersion === "string")
                            message.directoryVersion = $parseInt(object.directoryVersion, 10);
                        else if (typeof object.directoryVersion === "number")
                            message.directoryVersion = object.directoryVersion;
                        else if (typeof object.directoryVersion === "object")
                            message.directoryVersion = new $util.LongBits(object.directoryVersion.low >>> 0, object.directoryVersion.high >>> 0).toNumber(true);
                return message;
            };

            HelloAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.serverTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.serverTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.heartbeatIntervalS = 0;
                    object.binding = null;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.directoryVersion = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.directoryVersion = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.serverTimeMs = typeof message.serverTimeMs === "number" ? $BigInt(message.serverTimeMs) : $util.Long.fromBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0, true).toBigInt();
                    else if (typeof message.serverTimeMs === "number")
                        object.serverTimeMs = options.longs === $String ? $String(message.serverTimeMs) : message.serverTimeMs;
                    else
                        object.serverTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.serverTimeMs) : options.longs === $Number ? new $util.LongBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0).toNumber(true) : message.serverTimeMs;
                if (message.heartbeatIntervalS != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalS"))
                    object.heartbeatIntervalS = message.heartbeatIntervalS;
                if (message.binding != null && $Object.hasOwnProperty.call(message, "binding"))
                    object.binding = $root.hwbind.v1.BindNotice.toObject(message.binding, options, _depth + 1);
                if (message.directoryVersion != null && $Object.hasOwnProperty.call(message, "directoryVersion"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.directoryVersion = typeof message.directoryVersion === "number" ? $BigInt(message.directoryVersion) : $util.Long.fromBits(message.directoryVersion.low >>> 0, message.directoryVersion.high >>> 0, true).toBigInt();
                    else if (typeof message.directoryVersion === "number")
                        object.directoryVersion = options.longs === $String ? $String(message.directoryVersion) : message.directoryVersion;
                    else
                        object.directoryVersion = options.longs === $String ? $util.Long.prototype.toString.call(message.directoryVersion) : options.longs === $Number ? new $util.LongBits(message.directoryVersion.low >>> 0, message.directoryVersion.high >>> 0).toNumber(true) : message.directoryVersion;
                return object;
            };

            HelloAck.prototype.toJSON = function() {
                return HelloAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            HelloAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.HelloAck";
            };

            return HelloAck;
        })();

        v1.Heartbeat = (function() {

            const Heartbeat = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Heartbeat.prototype.uptimeS = 0;
            Heartbeat.prototype.pendingRecords = 0;
            Heartbeat.prototype.rssiDbm = 0;

            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            Heartbeat.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS") && message.uptimeS !== 0)
                    writer.uint32(8).uint32(message.uptimeS);
                if (message.pendingRecords != null && $Object.hasOwnProperty.call(message, "pendingRecords") && message.pendingRecords !== 0)
                    writer.uint32(16).uint32(message.pendingRecords);
                if (message.rssiDbm != null && $Object.hasOwnProperty.call(message, "rssiDbm") && message.rssiDbm !== 0)
                    writer.uint32(24).sint32(message.rssiDbm);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Heartbeat.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Heartbeat();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.uptimeS = value;
                            else
                                delete message.uptimeS;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.pendingRecords = value;
                            else
                                delete message.pendingRecords;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.sint32())
                                message.rssiDbm = value;
                            else
                                delete message.rssiDbm;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Heartbeat.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Heartbeat.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    if (!$util.isInteger(message.uptimeS))
                        return "uptimeS: integer expected";
                if (message.pendingRecords != null && $Object.hasOwnProperty.call(message, "pendingRecords"))
                    if (!$util.isInteger(message.pendingRecords))
                        return "pendingRecords: integer expected";
                if (message.rssiDbm != null && $Object.hasOwnProperty.call(message, "rssiDbm"))
                    if (!$util.isInteger(message.rssiDbm))
                        return "rssiDbm: integer expected";
                return null;
            };

            Heartbeat.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Heartbeat)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Heartbeat: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Heartbeat();
                if (object.uptimeS != null)
                    if ($Number(object.uptimeS) !== 0)
                        message.uptimeS = object.uptimeS >>> 0;
                if (object.pendingRecords != null)
                    if ($Number(object.pendingRecords) !== 0)
                        message.pendingRecords = object.pendingRecords >>> 0;
                if (object.rssiDbm != null)
                    if ($Number(object.rssiDbm) !== 0)
                        message.rssiDbm = object.rssiDbm | 0;
                return message;
            };

            Heartbeat.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.uptimeS = 0;
                    object.pendingRecords = 0;
                    object.rssiDbm = 0;
                }
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    object.uptimeS = message.uptimeS;
                if (message.pendingRecords != null && $Object.hasOwnProperty.call(message, "pendingRecords"))
                    object.pendingRecords = message.pendingRecords;
                if (message.rssiDbm != null && $Object.hasOwnProperty.call(message, "rssiDbm"))
                    object.rssiDbm = message.rssiDbm;
                return object;
            };

            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.BindNotice = (function() {

            const BindNotice = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            BindNotice.prototype.bindingId = "";
            BindNotice.prototype.corpId = "";
            BindNotice.prototype.corpName = "";
            BindNotice.prototype.deviceName = "";
            BindNotice.prototype.boundAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            BindNotice.create = function(properties) {
                return new BindNotice(properties);
            };

            BindNotice.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId") && message.bindingId !== "")
                    writer.uint32(10).string(message.bindingId);
                if (message.corpId != null && $Object.hasOwnProperty.call(message, "corpId") && message.corpId !== "")
                    writer.uint32(18).string(message.corpId);
                if (message.corpName != null && $Object.hasOwnProperty.call(message, "corpName") && message.corpName !== "")
                    writer.uint32(26).string(message.corpName);
                if (message.deviceName != null && $Object.hasOwnProperty.call(message, "deviceName") && message.deviceName !== "")
                    writer.uint32(34).string(message.deviceName);
                if (message.boundAtMs != null && $Object.hasOwnProperty.call(message, "boundAtMs") && (typeof message.boundAtMs === "object" ? message.boundAtMs.low || message.boundAtMs.high : message.boundAtMs !== 0))
                    writer.uint32(40).uint64(message.boundAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            BindNotice.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            BindNotice.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.BindNotice();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.bindingId = value;
                            else
                                delete message.bindingId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.corpId = value;
                            else
                                delete message.corpId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.corpName = value;
                            else
                                delete message.corpName;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceName = value;
                            else
                                delete message.deviceName;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.boundAtMs = value;
                            else
                                delete message.boundAtMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            BindNotice.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            BindNotice.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    if (!$util.isString(message.bindingId))
                        return "bindingId: string expected";
                if (message.corpId != null && $Object.hasOwnProperty.call(message, "corpId"))
                    if (!$util.isString(message.corpId))
                        return "corpId: string expected";
                if (message.corpName != null && $Object.hasOwnProperty.call(message, "corpName"))
                    if (!$util.isString(message.corpName))
                        return "corpName: string expected";
                if (message.deviceName != null && $Object.hasOwnProperty.call(message, "deviceName"))
                    if (!$util.isString(message.deviceName))
                        return "deviceName: string expected";
                if (message.boundAtMs != null && $Object.hasOwnProperty.call(message, "boundAtMs"))
                    if (!$util.isInteger(message.boundAtMs) && !(message.boundAtMs && $util.isInteger(message.boundAtMs.low) && $util.isInteger(message.boundAtMs.high)))
                        return "boundAtMs: integer|Long expected";
                return null;
            };

            BindNotice.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.BindNotice)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.BindNotice: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.BindNotice();
                if (object.bindingId != null)
                    if (typeof object.bindingId !== "string" || object.bindingId.length)
                        message.bindingId = $String(object.bindingId);
                if (object.corpId != null)
                    if (typeof object.corpId !== "string" || object.corpId.length)
                        message.corpId = $String(object.corpId);
                if (object.corpName != null)
                    if (typeof object.corpName !== "string" || object.corpName.length)
                        message.corpName = $String(object.corpName);
                if (object.deviceName != null)
                    if (typeof object.deviceName !== "string" || object.deviceName.length)
                        message.deviceName = $String(object.deviceName);
                if (object.boundAtMs != null)
                    if (typeof object.boundAtMs === "object" ? object.boundAtMs.low || object.boundAtMs.high : $Number(object.boundAtMs) !== 0)
                        if ($util.Long)
                            message.boundAtMs = $util.Long.fromValue(object.boundAtMs, true);
                        else if (typeof object.boundAtMs === "string")
                            message.boundAtMs = $parseInt(object.boundAtMs, 10);
                        else if (typeof object.boundAtMs === "number")
                            message.boundAtMs = object.boundAtMs;
                        else if (typeof object.boundAtMs === "object")
                            message.boundAtMs = new $util.LongBits(object.boundAtMs.low >>> 0, object.boundAtMs.high >>> 0).toNumber(true);
                return message;
            };

            BindNotice.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.bindingId = "";
                    object.corpId = "";
                    object.corpName = "";
                    object.deviceName = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.boundAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.boundAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    object.bindingId = message.bindingId;
                if (message.corpId != null && $Object.hasOwnProperty.call(message, "corpId"))
                    object.corpId = message.corpId;
                if (message.corpName != null && $Object.hasOwnProperty.call(message, "corpName"))
                    object.corpName = message.corpName;
                if (message.deviceName != null && $Object.hasOwnProperty.call(message, "deviceName"))
                    object.deviceName = message.deviceName;
                if (message.boundAtMs != null && $Object.hasOwnProperty.call(message, "boundAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.boundAtMs = typeof message.boundAtMs === "number" ? $BigInt(message.boundAtMs) : $util.Long.fromBits(message.boundAtMs.low >>> 0, message.boundAtMs.high >>> 0, true).toBigInt();
                    else if (typeof message.boundAtMs === "number")
                        object.boundAtMs = options.longs === $String ? $String(message.boundAtMs) : message.boundAtMs;
                    else
                        object.boundAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.boundAtMs) : options.longs === $Number ? new $util.LongBits(message.boundAtMs.low >>> 0, message.boundAtMs.high >>> 0).toNumber(true) : message.boundAtMs;
                return object;
            };

            BindNotice.prototype.toJSON = function() {
                return BindNotice.toObject(this, $protobuf.util.toJSONOptions);
            };

            BindNotice.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.BindNotice";
            };

            return BindNotice;
        })();

        v1.UnbindNotice = (function() {

            const UnbindNotice = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            UnbindNotice.prototype.bindingId = "";
            UnbindNotice.prototype.reason = "";

            UnbindNotice.create = function(properties) {
                return new UnbindNotice(properties);
            };

            UnbindNotice.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId") && message.bindingId !== "")
                    writer.uint32(10).string(message.bindingId);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(18).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            UnbindNotice.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            UnbindNotice.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.UnbindNotice();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.bindingId = value;
                            else
                                delete message.bindingId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            UnbindNotice.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            UnbindNotice.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    if (!$util.isString(message.bindingId))
                        return "bindingId: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            UnbindNotice.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.UnbindNotice)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.UnbindNotice: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.UnbindNotice();
                if (object.bindingId != null)
                    if (typeof object.bindingId !== "string" || object.bindingId.length)
                        message.bindingId = $String(object.bindingId);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            UnbindNotice.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.bindingId = "";
                    object.reason = "";
                }
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    object.bindingId = message.bindingId;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            UnbindNotice.prototype.toJSON = function() {
                return UnbindNotice.toObject(this, $protobuf.util.toJSONOptions);
            };

            UnbindNotice.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.UnbindNotice";
            };

            return UnbindNotice;
        })();

        v1.Reboot = (function() {

            const Reboot = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Reboot.prototype.reason = "";

            Reboot.create = function(properties) {
                return new Reboot(properties);
            };

            Reboot.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(10).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Reboot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Reboot.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Reboot();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Reboot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Reboot.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            Reboot.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Reboot)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Reboot: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Reboot();
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            Reboot.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.reason = "";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            Reboot.prototype.toJSON = function() {
                return Reboot.toObject(this, $protobuf.util.toJSONOptions);
            };

            Reboot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Reboot";
            };

            return Reboot;
        })();

        v1.DirectoryUser = (function() {

            const DirectoryUser = function (properties) {
                this.departmentIds = [];
                this.enrolledKinds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            DirectoryUser.prototype.userid = "";
            DirectoryUser.prototype.name = "";
            DirectoryUser.prototype.departmentIds = $util.emptyArray;
            DirectoryUser.prototype.cardNo = "";
            DirectoryUser.prototype.enrolledKinds = $util.emptyArray;

            DirectoryUser.create = function(properties) {
                return new DirectoryUser(properties);
            };

            DirectoryUser.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid") && message.userid !== "")
                    writer.uint32(10).string(message.userid);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(18).string(message.name);
                if (message.departmentIds != null && message.departmentIds.length)
                    for (let i = 0; i < message.departmentIds.length; ++i)
                        writer.uint32(26).string(message.departmentIds[i]);
                if (message.cardNo != null && $Object.hasOwnProperty.call(message, "cardNo") && message.cardNo !== "")
                    writer.uint32(34).string(message.cardNo);
                if (message.enrolledKinds != null && message.enrolledKinds.length)
                    writer.uint32(42).int32s(message.enrolledKinds);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            DirectoryUser.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            DirectoryUser.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.DirectoryUser();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userid = value;
                            else
                                delete message.userid;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.departmentIds && message.departmentIds.length))
                                message.departmentIds = [];
                            message.departmentIds.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardNo = value;
                            else
                                delete message.cardNo;
                            continue;
                        }
                    case 5: {
                            if (wireType === 2) {
                                if (!(message.enrolledKinds && message.enrolledKinds.length))
                                    message.enrolledKinds = [];
                                reader.int32s(message.enrolledKinds);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.enrolledKinds && message.enrolledKinds.length))
                                message.enrolledKinds = [];
                            message.enrolledKinds.push(reader.int32());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            DirectoryUser.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            DirectoryUser.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    if (!$util.isString(message.userid))
                        return "userid: string expected";
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.departmentIds != null && $Object.hasOwnProperty.call(message, "departmentIds")) {
                    if (!$Array.isArray(message.departmentIds))
                        return "departmentIds: array expected";
                    for (let i = 0; i < message.departmentIds.length; ++i)
                        if (!$util.isString(message.departmentIds[i]))
                            return "departmentIds: string[] expected";
                }
                if (message.cardNo != null && $Object.hasOwnProperty.call(message, "cardNo"))
                    if (!$util.isString(message.cardNo))
                        return "cardNo: string expected";
                if (message.enrolledKinds != null && $Object.hasOwnProperty.call(message, "enrolledKinds")) {
                    if (!$Array.isArray(message.enrolledKinds))
                        return "enrolledKinds: array expected";
                    for (let i = 0; i < message.enrolledKinds.length; ++i)
                        if (typeof message.enrolledKinds[i] !== "number" || (message.enrolledKinds[i] | 0) !== message.enrolledKinds[i])
                            return "enrolledKinds: enum value[] expected";
                }
                return null;
            };

            DirectoryUser.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.DirectoryUser)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.DirectoryUser: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.DirectoryUser();
                if (object.userid != null)
                    if (typeof object.userid !== "string" || object.userid.length)
                        message.userid = $String(object.userid);
                if (object.name != null)
                    if (typeof object.name !== "string" || object.name.length)
                        message.name = $String(object.name);
                if (object.departmentIds) {
                    if (!$Array.isArray(object.departmentIds))
                        throw $TypeError(".hwbind.v1.DirectoryUser.departmentIds: array expected");
                    message.departmentIds = $Array(object.departmentIds.length);
                    for (let i = 0; i < object.departmentIds.length; ++i)
                        message.departmentIds[i] = $String(object.departmentIds[i]);
                }
                if (object.cardNo != null)
                    if (typeof object.cardNo !== "string" || object.cardNo.length)
                        message.cardNo = $String(object.cardNo);
                if (object.enrolledKinds) {
                    if (!$Array.isArray(object.enrolledKinds))
                        throw $TypeError(".hwbind.v1.DirectoryUser.enrolledKinds: array expected");
                    message.enrolledKinds = [];
                    for (let i = 0; i < object.enrolledKinds.length; ++i)
                        switch (object.enrolledKinds[i]) {
                        case "BIOMETRIC_KIND_UNSPECIFIED":
                        case 0:
                            message.enrolledKinds[message.enrolledKinds.length] = 0;
                            break;
                        case "BIOMETRIC_KIND_FACE":
                        case 1:
                            message.enrolledKinds[message.enrolledKinds.length] = 1;
                            break;
                        case "BIOMETRIC_KIND_FINGERPRINT":
                        case 2:
                            message.enrolledKinds[message.enrolledKinds.length] = 2;
                            break;
                        default:
                            if (typeof object.enrolledKinds[i] === "number" && (object.enrolledKinds[i] | 0) === object.enrolledKinds[i])
                                message.enrolledKinds[message.enrolledKinds.length] = object.enrolledKinds[i];
                        }
                }
                return message;
            };

            DirectoryUser.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.departmentIds = [];
                    object.enrolledKinds = [];
                }
                if (options.defaults) {
                    object.userid = "";
                    object.name = "";
                    object.cardNo = "";
                }
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    object.userid = message.userid;
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.departmentIds && message.departmentIds.length) {
                    object.departmentIds = $Array(message.departmentIds.length);
                    for (let j = 0; j < message.departmentIds.length; ++j)
                        object.departmentIds[j] = message.departmentIds[j];
                }
                if (message.cardNo != null && $Object.hasOwnProperty.call(message, "cardNo"))
                    object.cardNo = message.cardNo;
                if (message.enrolledKinds && message.enrolledKinds.length) {
                    object.enrolledKinds = $Array(message.enrolledKinds.length);
                    for (let j = 0; j < message.enrolledKinds.length; ++j)
                        object.enrolledKinds[j] = options.enums === $String ? $root.hwbind.v1.BiometricKind[message.enrolledKinds[j]] === $undefined ? message.enrolledKinds[j] : $root.hwbind.v1.BiometricKind[message.enrolledKinds[j]] : message.enrolledKinds[j];
                }
                return object;
            };

            DirectoryUser.prototype.toJSON = function() {
                return DirectoryUser.toObject(this, $protobuf.util.toJSONOptions);
            };

            DirectoryUser.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.DirectoryUser";
            };

            return DirectoryUser;
        })();

        v1.DirectorySync = (function() {

            const DirectorySync = function (properties) {
                this.upserts = [];
                this.removedUserids = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            DirectorySync.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            DirectorySync.prototype.baseVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            DirectorySync.prototype.full = false;
            DirectorySync.prototype.upserts = $util.emptyArray;
            DirectorySync.prototype.removedUserids = $util.emptyArray;

            DirectorySync.create = function(properties) {
                return new DirectorySync(properties);
            };

            DirectorySync.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                    writer.uint32(8).uint64(message.version);
                if (message.baseVersion != null && $Object.hasOwnProperty.call(message, "baseVersion") && (typeof message.baseVersion === "object" ? message.baseVersion.low || message.baseVersion.high : message.baseVersion !== 0))
                    writer.uint32(16).uint64(message.baseVersion);
                if (message.full != null && $Object.hasOwnProperty.call(message, "full") && message.full !== false)
                    writer.uint32(24).bool(message.full);
                if (message.upserts != null && message.upserts.length)
                    for (let i = 0; i < message.upserts.length; ++i)
                        $root.hwbind.v1.DirectoryUser.encode(message.upserts[i], writer.uint32(34).fork(), _depth + 1).ldelim();
                if (message.removedUserids != null && message.removedUserids.length)
                    for (let i = 0; i < message.removedUserids.length; ++i)
                        writer.uint32(42).string(message.removedUserids[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            DirectorySync.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            DirectorySync.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.DirectorySync();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.baseVersion = value;
                            else
                                delete message.baseVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.full = value;
                            else
                                delete message.full;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.upserts && message.upserts.length))
                                message.upserts = [];
                            message.upserts.push($root.hwbind.v1.DirectoryUser.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removedUserids && message.removedUserids.length))
                                message.removedUserids = [];
                            message.removedUserids.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            DirectorySync.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            DirectorySync.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version) && !(message.version && $util.isInteger(message.version.low) && $util.isInteger(message.version.high)))
                        return "version: integer|Long expected";
                if (message.baseVersion != null && $Object.hasOwnProperty.call(message, "baseVersion"))
                    if (!$util.isInteger(message.baseVersion) && !(message.baseVersion && $util.isInteger(message.baseVersion.low) && $util.isInteger(message.baseVersion.high)))
                        return "baseVersion: integer|Long expected";
                if (message.full != null && $Object.hasOwnProperty.call(message, "full"))
                    if (typeof message.full !== "boolean")
                        return "full: boolean expected";
                if (message.upserts != null && $Object.hasOwnProperty.call(message, "upserts")) {
                    if (!$Array.isArray(message.upserts))
                        return "upserts: array expected";
                    for (let i = 0; i < message.upserts.length; ++i) {
                        let error = $root.hwbind.v1.DirectoryUser.verify(message.upserts[i], _depth + 1);
                        if (error)
                            return "upserts." + error;
                    }
                }
                if (message.removedUserids != null && $Object.hasOwnProperty.call(message, "removedUserids")) {
                    if (!$Array.isArray(message.removedUserids))
                        return "removedUserids: array expected";
                    for (let i = 0; i < message.removedUserids.length; ++i)
                        if (!$util.isString(message.removedUserids[i]))
                            return "removedUserids: string[] expected";
                }
                return null;
            };

            DirectorySync.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.DirectorySync)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.DirectorySync: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.DirectorySync();
                if (object.version != null)
                    if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                        if ($util.Long)
                            message.version = $util.Long.fromValue(object.version, true);
                        else if (typeof object.version === "string")
                            message.version = $parseInt(object.version, 10);
                        else if (typeof object.version === "number")
                            message.version = object.version;
                        else if (typeof object.version === "object")
                            message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                if (object.baseVersion != null)
                    if (typeof object.baseVersion === "object" ? object.baseVersion.low || object.baseVersion.high : $Number(object.baseVersion) !== 0)
                        if ($util.Long)
                            message.baseVersion = $util.Long.fromValue(object.baseVersion, true);
                        else if (typeof object.baseVersion === "string")
                            message.baseVersion = $parseInt(object.baseVersion, 10);
                        else if (typeof object.baseVersion === "number")
                            message.baseVersion = object.baseVersion;
                        else if (typeof object.baseVersion === "object")
                            message.baseVersion = new $util.LongBits(object.baseVersion.low >>> 0, object.baseVersion.high >>> 0).toNumber(true);
                if (object.full != null)
                    if (object.full)
                        message.full = $Boolean(object.full);
                if (object.upserts) {
                    if (!$Array.isArray(object.upserts))
                        throw $TypeError(".hwbind.v1.DirectorySync.upserts: array expected");
                    message.upserts = $Array(object.upserts.length);
                    for (let i = 0; i < object.upserts.length; ++i) {
                        if (!$util.isObject(object.upserts[i]))
                            throw $TypeError(".hwbind.v1.DirectorySync.upserts: object expected");
                        message.upserts[i] = $root.hwbind.v1.DirectoryUser.fromObject(object.upserts[i], _depth + 1);
                    }
                }
                if (object.removedUserids) {
                    if (!$Array.isArray(object.removedUserids))
                        throw $TypeError(".hwbind.v1.DirectorySync.removedUserids: array expected");
                    message.removedUserids = $Array(object.removedUserids.length);
                    for (let i = 0; i < object.removedUserids.length; ++i)
                        message.removedUserids[i] = $String(object.removedUserids[i]);
                }
                return message;
            };

            DirectorySync.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.upserts = [];
                    object.removedUserids = [];
                }
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.baseVersion = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.baseVersion = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.full = false;
                }
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                    else if (typeof message.version === "number")
                        object.version = options.longs === $String ? $String(message.version) : message.version;
                    else
                        object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                if (message.baseVersion != null && $Object.hasOwnProperty.call(message, "baseVersion"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.baseVersion = typeof message.baseVersion === "number" ? $BigInt(message.baseVersion) : $util.Long.fromBits(message.baseVersion.low >>> 0, message.baseVersion.high >>> 0, true).toBigInt();
                    else if (typeof message.baseVersion === "number")
                        object.baseVersion = options.longs === $String ? $String(message.baseVersion) : message.baseVersion;
                    else
                        object.baseVersion = options.longs === $String ? $util.Long.prototype.toString.call(message.baseVersion) : options.longs === $Number ? new $util.LongBits(message.baseVersion.low >>> 0, message.baseVersion.high >>> 0).toNumber(true) : message.baseVersion;
                if (message.full != null && $Object.hasOwnProperty.call(message, "full"))
                    object.full = message.full;
                if (message.upserts && message.upserts.length) {
                    object.upserts = $Array(message.upserts.length);
                    for (let j = 0; j < message.upserts.length; ++j)
                        object.upserts[j] = $root.hwbind.v1.DirectoryUser.toObject(message.upserts[j], options, _depth + 1);
                }
                if (message.removedUserids && message.removedUserids.length) {
                    object.removedUserids = $Array(message.removedUserids.length);
                    for (let j = 0; j < message.removedUserids.length; ++j)
                        object.removedUserids[j] = message.removedUserids[j];
                }
                return object;
            };

            DirectorySync.prototype.toJSON = function() {
                return DirectorySync.toObject(this, $protobuf.util.toJSONOptions);
            };

            DirectorySync.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.DirectorySync";
            };

            return DirectorySync;
        })();

        v1.DirectoryRequest = (function() {

            const DirectoryRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            DirectoryRequest.prototype.haveVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            DirectoryRequest.create = function(properties) {
                return new DirectoryRequest(properties);
            };

            DirectoryRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.haveVersion != null && $Object.hasOwnProperty.call(message, "haveVersion") && (typeof message.haveVersion === "object" ? message.haveVersion.low || message.haveVersion.high : message.haveVersion !== 0))
                    writer.uint32(8).uint64(message.haveVersion);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            DirectoryRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            DirectoryRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.DirectoryRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.haveVersion = value;
                            else
                                delete message.haveVersion;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            DirectoryRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            DirectoryRequest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.haveVersion != null && $Object.hasOwnProperty.call(message, "haveVersion"))
                    if (!$util.isInteger(message.haveVersion) && !(message.haveVersion && $util.isInteger(message.haveVersion.low) && $util.isInteger(message.haveVersion.high)))
                        return "haveVersion: integer|Long expected";
                return null;
            };

            DirectoryRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.DirectoryRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.DirectoryRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.DirectoryRequest();
                if (object.haveVersion != null)
                    if (typeof object.haveVersion === "object" ? object.haveVersion.low || object.haveVersion.high : $Number(object.haveVersion) !== 0)
                        if ($util.Long)
                            message.haveVersion = $util.Long.fromValue(object.haveVersion, true);
                        else if (typeof object.haveVersion === "string")
                            message.haveVersion = $parseInt(object.haveVersion, 10);
                        else if (typeof object.haveVersion === "number")
                            message.haveVersion = object.haveVersion;
                        else if (typeof object.haveVersion === "object")
                            message.haveVersion = new $util.LongBits(object.haveVersion.low >>> 0, object.haveVersion.high >>> 0).toNumber(true);
                return message;
            };

            DirectoryRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.haveVersion = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.haveVersion = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if (message.haveVersion != null && $Object.hasOwnProperty.call(message, "haveVersion"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.haveVersion = typeof message.haveVersion === "number" ? $BigInt(message.haveVersion) : $util.Long.fromBits(message.haveVersion.low >>> 0, message.haveVersion.high >>> 0, true).toBigInt();
                    else if (typeof message.haveVersion === "number")
                        object.haveVersion = options.longs === $String ? $String(message.haveVersion) : message.haveVersion;
                    else
                        object.haveVersion = options.longs === $String ? $util.Long.prototype.toString.call(message.haveVersion) : options.longs === $Number ? new $util.LongBits(message.haveVersion.low >>> 0, message.haveVersion.high >>> 0).toNumber(true) : message.haveVersion;
                return object;
            };

            DirectoryRequest.prototype.toJSON = function() {
                return DirectoryRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            DirectoryRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.DirectoryRequest";
            };

            return DirectoryRequest;
        })();

        v1.BiometricKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "BIOMETRIC_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "BIOMETRIC_KIND_FACE"] = 1;
            values[valuesById[2] = "BIOMETRIC_KIND_FINGERPRINT"] = 2;
            return values;
        })();

        v1.EnrollmentStart = (function() {

            const EnrollmentStart = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            EnrollmentStart.prototype.operationId = "";
            EnrollmentStart.prototype.userid = "";
            EnrollmentStart.prototype.kind = 0;
            EnrollmentStart.prototype.timeoutS = 0;
            EnrollmentStart.prototype.samplesRequired = 0;

            EnrollmentStart.create = function(properties) {
                return new EnrollmentStart(properties);
            };

            EnrollmentStart.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId") && message.operationId !== "")
                    writer.uint32(10).string(message.operationId);
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid") && message.userid !== "")
                    writer.uint32(18).string(message.userid);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(24).int32(message.kind);
                if (message.timeoutS != null && $Object.hasOwnProperty.call(message, "timeoutS") && message.timeoutS !== 0)
                    writer.uint32(32).uint32(message.timeoutS);
                if (message.samplesRequired != null && $Object.hasOwnProperty.call(message, "samplesRequired") && message.samplesRequired !== 0)
                    writer.uint32(40).uint32(message.samplesRequired);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            EnrollmentStart.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            EnrollmentStart.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.EnrollmentStart();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.operationId = value;
                            else
                                delete message.operationId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userid = value;
                            else
                                delete message.userid;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.timeoutS = value;
                            else
                                delete message.timeoutS;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.samplesRequired = value;
                            else
                                delete message.samplesRequired;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            EnrollmentStart.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            EnrollmentStart.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    if (!$util.isString(message.operationId))
                        return "operationId: string expected";
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    if (!$util.isString(message.userid))
                        return "userid: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.timeoutS != null && $Object.hasOwnProperty.call(message, "timeoutS"))
                    if (!$util.isInteger(message.timeoutS))
                        return "timeoutS: integer expected";
                if (message.samplesRequired != null && $Object.hasOwnProperty.call(message, "samplesRequired"))
                    if (!$util.isInteger(message.samplesRequired))
                        return "samplesRequired: integer expected";
                return null;
            };

            EnrollmentStart.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.EnrollmentStart)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.EnrollmentStart: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.EnrollmentStart();
                if (object.operationId != null)
                    if (typeof object.operationId !== "string" || object.operationId.length)
                        message.operationId = $String(object.operationId);
                if (object.userid != null)
                    if (typeof object.userid !== "string" || object.userid.length)
                        message.userid = $String(object.userid);
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.hwbind.v1.BiometricKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "BIOMETRIC_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "BIOMETRIC_KIND_FACE":
                    case 1:
                        message.kind = 1;
                        break;
                    case "BIOMETRIC_KIND_FINGERPRINT":
                    case 2:
                        message.kind = 2;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.timeoutS != null)
                    if ($Number(object.timeoutS) !== 0)
                        message.timeoutS = object.timeoutS >>> 0;
                if (object.samplesRequired != null)
                    if ($Number(object.samplesRequired) !== 0)
                        message.samplesRequired = object.samplesRequired >>> 0;
                return message;
            };

            EnrollmentStart.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.operationId = "";
                    object.userid = "";
                    object.kind = options.enums === $String ? "BIOMETRIC_KIND_UNSPECIFIED" : 0;
                    object.timeoutS = 0;
                    object.samplesRequired = 0;
                }
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    object.operationId = message.operationId;
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    object.userid = message.userid;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.hwbind.v1.BiometricKind[message.kind] === $undefined ? message.kind : $root.hwbind.v1.BiometricKind[message.kind] : message.kind;
                if (message.timeoutS != null && $Object.hasOwnProperty.call(message, "timeoutS"))
                    object.timeoutS = message.timeoutS;
                if (message.samplesRequired != null && $Object.hasOwnProperty.call(message, "samplesRequired"))
                    object.samplesRequired = message.samplesRequired;
                return object;
            };

            EnrollmentStart.prototype.toJSON = function() {
                return EnrollmentStart.toObject(this, $protobuf.util.toJSONOptions);
            };

            EnrollmentStart.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.EnrollmentStart";
            };

            return EnrollmentStart;
        })();

        v1.EnrollmentProgress = (function() {

            const EnrollmentProgress = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            EnrollmentProgress.prototype.operationId = "";
            EnrollmentProgress.prototype.percent = 0;
            EnrollmentProgress.prototype.samplesTaken = 0;
            EnrollmentProgress.prototype.hint = "";

            EnrollmentProgress.create = function(properties) {
                return new EnrollmentProgress(properties);
            };

            EnrollmentProgress.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId") && message.operationId !== "")
                    writer.uint32(10).string(message.operationId);
                if (message.percent != null && $Object.hasOwnProperty.call(message, "percent") && message.percent !== 0)
                    writer.uint32(16).uint32(message.percent);
                if (message.samplesTaken != null && $Object.hasOwnProperty.call(message, "samplesTaken") && message.samplesTaken !== 0)
                    writer.uint32(24).uint32(message.samplesTaken);
                if (message.hint != null && $Object.hasOwnProperty.call(message, "hint") && message.hint !== "")
                    writer.uint32(34).string(message.hint);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            EnrollmentProgress.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            EnrollmentProgress.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.EnrollmentProgress();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.operationId = value;
                            else
                                delete message.operationId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.percent = value;
                            else
                                delete message.percent;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.samplesTaken = value;
                            else
                                delete message.samplesTaken;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.hint = value;
                            else
                                delete message.hint;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            EnrollmentProgress.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            EnrollmentProgress.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    if (!$util.isString(message.operationId))
                        return "operationId: string expected";
                if (message.percent != null && $Object.hasOwnProperty.call(message, "percent"))
                    if (!$util.isInteger(message.percent))
                        return "percent: integer expected";
                if (message.samplesTaken != null && $Object.hasOwnProperty.call(message, "samplesTaken"))
                    if (!$util.isInteger(message.samplesTaken))
                        return "samplesTaken: integer expected";
                if (message.hint != null && $Object.hasOwnProperty.call(message, "hint"))
                    if (!$util.isString(message.hint))
                        return "hint: string expected";
                return null;
            };

            EnrollmentProgress.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.EnrollmentProgress)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.EnrollmentProgress: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.EnrollmentProgress();
                if (object.operationId != null)
                    if (typeof object.operationId !== "string" || object.operationId.length)
                        message.operationId = $String(object.operationId);
                if (object.percent != null)
                    if ($Number(object.percent) !== 0)
                        message.percent = object.percent >>> 0;
                if (object.samplesTaken != null)
                    if ($Number(object.samplesTaken) !== 0)
                        message.samplesTaken = object.samplesTaken >>> 0;
                if (object.hint != null)
                    if (typeof object.hint !== "string" || object.hint.length)
                        message.hint = $String(object.hint);
                return message;
            };

            EnrollmentProgress.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.operationId = "";
                    object.percent = 0;
                    object.samplesTaken = 0;
                    object.hint = "";
                }
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    object.operationId = message.operationId;
                if (message.percent != null && $Object.hasOwnProperty.call(message, "percent"))
                    object.percent = message.percent;
                if (message.samplesTaken != null && $Object.hasOwnProperty.call(message, "samplesTaken"))
                    object.samplesTaken = message.samplesTaken;
                if (message.hint != null && $Object.hasOwnProperty.call(message, "hint"))
                    object.hint = message.hint;
                return object;
            };

            EnrollmentProgress.prototype.toJSON = function() {
                return EnrollmentProgress.toObject(this, $protobuf.util.toJSONOptions);
            };

            EnrollmentProgress.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.EnrollmentProgress";
            };

            return EnrollmentProgress;
        })();

        v1.EnrollmentStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ENROLLMENT_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ENROLLMENT_STATUS_COMPLETED"] = 1;
            values[valuesById[2] = "ENROLLMENT_STATUS_FAILED"] = 2;
            values[valuesById[3] = "ENROLLMENT_STATUS_CANCELLED"] = 3;
            values[valuesById[4] = "ENROLLMENT_STATUS_TIMED_OUT"] = 4;
            return values;
        })();

        v1.Template = (function() {

            const Template = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Template.prototype.userid = "";
            Template.prototype.kind = 0;
            Template.prototype.index = 0;
            Template.prototype.algorithm = "";
            Template.prototype.data = $util.newBuffer([]);
            Template.prototype.sha256 = $util.newBuffer([]);

            Template.create = function(properties) {
                return new Template(properties);
            };

            Template.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid") && message.userid !== "")
                    writer.uint32(10).string(message.userid);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(16).int32(message.kind);
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                    writer.uint32(24).uint32(message.index);
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm") && message.algorithm !== "")
                    writer.uint32(34).string(message.algorithm);
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(42).bytes(message.data);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                    writer.uint32(50).bytes(message.sha256);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Template.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Template.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Template();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userid = value;
                            else
                                delete message.userid;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.algorithm = value;
                            else
                                delete message.algorithm;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Template.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Template.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    if (!$util.isString(message.userid))
                        return "userid: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm"))
                    if (!$util.isString(message.algorithm))
                        return "algorithm: string expected";
                if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                    if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                        return "data: buffer expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!(message.sha256 && typeof message.sha256.length === "number" || $util.isString(message.sha256)))
                        return "sha256: buffer expected";
                return null;
            };

            Template.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Template)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Template: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Template();
                if (object.userid != null)
                    if (typeof object.userid !== "string" || object.userid.length)
                        message.userid = $String(object.userid);
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.hwbind.v1.BiometricKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "BIOMETRIC_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "BIOMETRIC_KIND_FACE":
                    case 1:
                        message.kind = 1;
                        break;
                    case "BIOMETRIC_KIND_FINGERPRINT":
                    case 2:
                        message.kind = 2;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.index != null)
                    if ($Number(object.index) !== 0)
                        message.index = object.index >>> 0;
                if (object.algorithm != null)
                    if (typeof object.algorithm !== "string" || object.algorithm.length)
                        message.algorithm = $String(object.algorithm);
                if (object.data != null)
                    if (object.data.length)
                        if (typeof object.data === "string")
                            $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                        else if (object.data.length >= 0)
                            message.data = object.data;
                if (object.sha256 != null)
                    if (object.sha256.length)
                        if (typeof object.sha256 === "string")
                            $util.base64.decode(object.sha256, message.sha256 = $util.newBuffer($util.base64.length(object.sha256)), 0);
                        else if (object.sha256.length >= 0)
                            message.sha256 = object.sha256;
                return message;
            };

            Template.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.userid = "";
                    object.kind = options.enums === $String ? "BIOMETRIC_KIND_UNSPECIFIED" : 0;
                    object.index = 0;
                    object.algorithm = "";
                    if (options.bytes === $String)
                        object.data = "";
                    else {
                        object.data = [];
                        if (options.bytes !== $Array)
                            object.data = $util.newBuffer(object.data);
                    }
                    if (options.bytes === $String)
                        object.sha256 = "";
                    else {
                        object.sha256 = [];
                        if (options.bytes !== $Array)
                            object.sha256 = $util.newBuffer(object.sha256);
                    }
                }
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    object.userid = message.userid;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.hwbind.v1.BiometricKind[message.kind] === $undefined ? message.kind : $root.hwbind.v1.BiometricKind[message.kind] : message.kind;
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.algorithm != null && $Object.hasOwnProperty.call(message, "algorithm"))
                    object.algorithm = message.algorithm;
                if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                    object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = options.bytes === $String ? $util.base64.encode(message.sha256, 0, message.sha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sha256) : message.sha256;
                return object;
            };

            Template.prototype.toJSON = function() {
                return Template.toObject(this, $protobuf.util.toJSONOptions);
            };

            Template.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Template";
            };

            return Template;
        })();

        v1.EnrollmentResult = (function() {

            const EnrollmentResult = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            EnrollmentResult.prototype.operationId = "";
            EnrollmentResult.prototype.status = 0;
            EnrollmentResult.prototype.code = "";
            EnrollmentResult.prototype.template = null;

            EnrollmentResult.create = function(properties) {
                return new EnrollmentResult(properties);
            };

            EnrollmentResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId") && message.operationId !== "")
                    writer.uint32(10).string(message.operationId);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(16).int32(message.status);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(26).string(message.code);
                if (message.template != null && $Object.hasOwnProperty.call(message, "template"))
                    $root.hwbind.v1.Template.encode(message.template, writer.uint32(34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            EnrollmentResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            EnrollmentResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.EnrollmentResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.operationId = value;
                            else
                                delete message.operationId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.template = $root.hwbind.v1.Template.decode(reader, reader.size(), $undefined, _depth + 1, message.template);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            EnrollmentResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            EnrollmentResult.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    if (!$util.isString(message.operationId))
                        return "operationId: string expected";
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    if (typeof message.status !== "number" || (message.status | 0) !== message.status)
                        return "status: enum value expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.template != null && $Object.hasOwnProperty.call(message, "template")) {
                    let error = $root.hwbind.v1.Template.verify(message.template, _depth + 1);
                    if (error)
                        return "template." + error;
                }
                return null;
            };

            EnrollmentResult.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.EnrollmentResult)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.EnrollmentResult: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.EnrollmentResult();
                if (object.operationId != null)
                    if (typeof object.operationId !== "string" || object.operationId.length)
                        message.operationId = $String(object.operationId);
                if (object.status !== 0 && (typeof object.status !== "string" || $root.hwbind.v1.EnrollmentStatus[object.status] !== 0))
                    switch (object.status) {
                    case "ENROLLMENT_STATUS_UNSPECIFIED":
                    case 0:
                        message.status = 0;
                        break;
                    case "ENROLLMENT_STATUS_COMPLETED":
                    case 1:
                        message.status = 1;
                        break;
                    case "ENROLLMENT_STATUS_FAILED":
                    case 2:
                        message.status = 2;
                        break;
                    case "ENROLLMENT_STATUS_CANCELLED":
                    case 3:
                        message.status = 3;
                        break;
                    case "ENROLLMENT_STATUS_TIMED_OUT":
                    case 4:
                        message.status = 4;
                        break;
                    default:
                        if (typeof object.status === "number" && (object.status | 0) === object.status)
                            message.status = object.status;
                    }
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.template != null) {
                    if (!$util.isObject(object.template))
                        throw $TypeError(".hwbind.v1.EnrollmentResult.template: object expected");
                    message.template = $root.hwbind.v1.Template.fromObject(object.template, _depth + 1);
                }
                return message;
            };

            EnrollmentResult.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.operationId = "";
                    object.status = options.enums === $String ? "ENROLLMENT_STATUS_UNSPECIFIED" : 0;
                    object.code = "";
                    object.template = null;
                }
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    object.operationId = message.operationId;
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === $String ? $root.hwbind.v1.EnrollmentStatus[message.status] === $undefined ? message.status : $root.hwbind.v1.EnrollmentStatus[message.status] : message.status;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.template != null && $Object.hasOwnProperty.call(message, "template"))
                    object.template = $root.hwbind.v1.Template.toObject(message.template, options, _depth + 1);
                return object;
            };

            EnrollmentResult.prototype.toJSON = function() {
                return EnrollmentResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            EnrollmentResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.EnrollmentResult";
            };

            return EnrollmentResult;
        })();

        v1.EnrollmentCancel = (function() {

            const EnrollmentCancel = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            EnrollmentCancel.prototype.operationId = "";

            EnrollmentCancel.create = function(properties) {
                return new EnrollmentCancel(properties);
            };

            EnrollmentCancel.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId") && message.operationId !== "")
                    writer.uint32(10).string(message.operationId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            EnrollmentCancel.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            EnrollmentCancel.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.EnrollmentCancel();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.operationId = value;
                            else
                                delete message.operationId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            EnrollmentCancel.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            EnrollmentCancel.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    if (!$util.isString(message.operationId))
                        return "operationId: string expected";
                return null;
            };

            EnrollmentCancel.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.EnrollmentCancel)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.EnrollmentCancel: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.EnrollmentCancel();
                if (object.operationId != null)
                    if (typeof object.operationId !== "string" || object.operationId.length)
                        message.operationId = $String(object.operationId);
                return message;
            };

            EnrollmentCancel.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.operationId = "";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    object.operationId = message.operationId;
                return object;
            };

            EnrollmentCancel.prototype.toJSON = function() {
                return EnrollmentCancel.toObject(this, $protobuf.util.toJSONOptions);
            };

            EnrollmentCancel.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.EnrollmentCancel";
            };

            return EnrollmentCancel;
        })();

        v1.TemplateSync = (function() {

            const TemplateSync = function (properties) {
                this.upserts = [];
                this.removedUserids = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            TemplateSync.prototype.upserts = $util.emptyArray;
            TemplateSync.prototype.removedUserids = $util.emptyArray;

            TemplateSync.create = function(properties) {
                return new TemplateSync(properties);
            };

            TemplateSync.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.upserts != null && message.upserts.length)
                    for (let i = 0; i < message.upserts.length; ++i)
                        $root.hwbind.v1.Template.encode(message.upserts[i], writer.uint32(10).fork(), _depth + 1).ldelim();
                if (message.removedUserids != null && message.removedUserids.length)
                    for (let i = 0; i < message.removedUserids.length; ++i)
                        writer.uint32(18).string(message.removedUserids[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            TemplateSync.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            TemplateSync.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.TemplateSync();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.upserts && message.upserts.length))
                                message.upserts = [];
                            message.upserts.push($root.hwbind.v1.Template.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removedUserids && message.removedUserids.length))
                                message.removedUserids = [];
                            message.removedUserids.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            TemplateSync.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            TemplateSync.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.upserts != null && $Object.hasOwnProperty.call(message, "upserts")) {
                    if (!$Array.isArray(message.upserts))
                        return "upserts: array expected";
                    for (let i = 0; i < message.upserts.length; ++i) {
                        let error = $root.hwbind.v1.Template.verify(message.upserts[i], _depth + 1);
                        if (error)
                            return "upserts." + error;
                    }
                }
                if (message.removedUserids != null && $Object.hasOwnProperty.call(message, "removedUserids")) {
                    if (!$Array.isArray(message.removedUserids))
                        return "removedUserids: array expected";
                    for (let i = 0; i < message.removedUserids.length; ++i)
                        if (!$util.isString(message.removedUserids[i]))
                            return "removedUserids: string[] expected";
                }
                return null;
            };

            TemplateSync.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.TemplateSync)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.TemplateSync: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.TemplateSync();
                if (object.upserts) {
                    if (!$Array.isArray(object.upserts))
                        throw $TypeError(".hwbind.v1.TemplateSync.upserts: array expected");
                    message.upserts = $Array(object.upserts.length);
                    for (let i = 0; i < object.upserts.length; ++i) {
                        if (!$util.isObject(object.upserts[i]))
                            throw $TypeError(".hwbind.v1.TemplateSync.upserts: object expected");
                        message.upserts[i] = $root.hwbind.v1.Template.fromObject(object.upserts[i], _depth + 1);
                    }
                }
                if (object.removedUserids) {
                    if (!$Array.isArray(object.removedUserids))
                        throw $TypeError(".hwbind.v1.TemplateSync.removedUserids: array expected");
                    message.removedUserids = $Array(object.removedUserids.length);
                    for (let i = 0; i < object.removedUserids.length; ++i)
                        message.removedUserids[i] = $String(object.removedUserids[i]);
                }
                return message;
            };

            TemplateSync.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.upserts = [];
                    object.removedUserids = [];
                }
                if (message.upserts && message.upserts.length) {
                    object.upserts = $Array(message.upserts.length);
                    for (let j = 0; j < message.upserts.length; ++j)
                        object.upserts[j] = $root.hwbind.v1.Template.toObject(message.upserts[j], options, _depth + 1);
                }
                if (message.removedUserids && message.removedUserids.length) {
                    object.removedUserids = $Array(message.removedUserids.length);
                    for (let j = 0; j < message.removedUserids.length; ++j)
                        object.removedUserids[j] = message.removedUserids[j];
                }
                return object;
            };

            TemplateSync.prototype.toJSON = function() {
                return TemplateSync.toObject(this, $protobuf.util.toJSONOptions);
            };

            TemplateSync.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.TemplateSync";
            };

            return TemplateSync;
        })();

        v1.Direction = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DIRECTION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DIRECTION_IN"] = 1;
            values[valuesById[2] = "DIRECTION_OUT"] = 2;
            values[valuesById[3] = "DIRECTION_UNKNOWN"] = 3;
            return values;
        })();

        v1.Method = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "METHOD_UNSPECIFIED"] = 0;
            values[valuesById[1] = "METHOD_FACE"] = 1;
            values[valuesById[2] = "METHOD_QR"] = 2;
            values[valuesById[3] = "METHOD_REMOTE"] = 3;
            values[valuesById[4] = "METHOD_FINGERPRINT"] = 4;
            values[valuesById[5] = "METHOD_CARD"] = 5;
            return values;
        })();

        v1.Record = (function() {

            const Record = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Record.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            Record.prototype.userid = "";
            Record.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            Record.prototype.direction = 0;
            Record.prototype.method = 0;
            Record.prototype.cardNo = "";

            Record.create = function(properties) {
                return new Record(properties);
            };

            Record.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(8).uint64(message.seq);
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid") && message.userid !== "")
                    writer.uint32(18).string(message.userid);
                if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs") && (typeof message.timeMs === "object" ? message.timeMs.low || message.timeMs.high : message.timeMs !== 0))
                    writer.uint32(24).uint64(message.timeMs);
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== 0)
                    writer.uint32(32).int32(message.direction);
                if (message.method != null && $Object.hasOwnProperty.call(message, "method") && message.method !== 0)
                    writer.uint32(40).int32(message.method);
                if (message.cardNo != null && $Object.hasOwnProperty.call(message, "cardNo") && message.cardNo !== "")
                    writer.uint32(50).string(message.cardNo);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Record.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Record.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Record();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userid = value;
                            else
                                delete message.userid;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.timeMs = value;
                            else
                                delete message.timeMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.direction = value;
                            else
                                delete message.direction;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.method = value;
                            else
                                delete message.method;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardNo = value;
                            else
                                delete message.cardNo;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Record.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Record.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    if (!$util.isString(message.userid))
                        return "userid: string expected";
                if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs"))
                    if (!$util.isInteger(message.timeMs) && !(message.timeMs && $util.isInteger(message.timeMs.low) && $util.isInteger(message.timeMs.high)))
                        return "timeMs: integer|Long expected";
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                    if (typeof message.direction !== "number" || (message.direction | 0) !== message.direction)
                        return "direction: enum value expected";
                if (message.method != null && $Object.hasOwnProperty.call(message, "method"))
                    if (typeof message.method !== "number" || (message.method | 0) !== message.method)
                        return "method: enum value expected";
                if (message.cardNo != null && $Object.hasOwnProperty.call(message, "cardNo"))
                    if (!$util.isString(message.cardNo))
                        return "cardNo: string expected";
                return null;
            };

            Record.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Record)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Record: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.Record();
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.userid != null)
                    if (typeof object.userid !== "string" || object.userid.length)
                        message.userid = $String(object.userid);
                if (object.timeMs != null)
                    if (typeof object.timeMs === "object" ? object.timeMs.low || object.timeMs.high : $Number(object.timeMs) !== 0)
                        if ($util.Long)
                            message.timeMs = $util.Long.fromValue(object.timeMs, true);
                        else if (typeof object.timeMs === "string")
                            message.timeMs = $parseInt(object.timeMs, 10);
                        else if (typeof object.timeMs === "number")
                            message.timeMs = object.timeMs;
                        else if (typeof object.timeMs === "object")
                            message.timeMs = new $util.LongBits(object.timeMs.low >>> 0, object.timeMs.high >>> 0).toNumber(true);
                if (object.direction !== 0 && (typeof object.direction !== "string" || $root.hwbind.v1.Direction[object.direction] !== 0))
                    switch (object.direction) {
                    case "DIRECTION_UNSPECIFIED":
                    case 0:
                        message.direction = 0;
                        break;
                    case "DIRECTION_IN":
                    case 1:
                        message.direction = 1;
                        break;
                    case "DIRECTION_OUT":
                    case 2:
                        message.direction = 2;
                        break;
                    case "DIRECTION_UNKNOWN":
                    case 3:
                        message.direction = 3;
                        break;
                    default:
                        if (typeof object.direction === "number" && (object.direction | 0) === object.direction)
                            message.direction = object.direction;
                    }
                if (object.method !== 0 && (typeof object.method !== "string" || $root.hwbind.v1.Method[object.method] !== 0))
                    switch (object.method) {
                    case "METHOD_UNSPECIFIED":
                    case 0:
                        message.method = 0;
                        break;
                    case "METHOD_FACE":
                    case 1:
                        message.method = 1;
                        break;
                    case "METHOD_QR":
                    case 2:
                        message.method = 2;
                        break;
                    case "METHOD_REMOTE":
                    case 3:
                        message.method = 3;
                        break;
                    case "METHOD_FINGERPRINT":
                    case 4:
                        message.method = 4;
                        break;
                    case "METHOD_CARD":
                    case 5:
                        message.method = 5;
                        break;
                    default:
                        if (typeof object.method === "number" && (object.method | 0) === object.method)
                            message.method = object.method;
                    }
                if (object.cardNo != null)
                    if (typeof object.cardNo !== "string" || object.cardNo.length)
                        message.cardNo = $String(object.cardNo);
                return message;
            };

            Record.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.userid = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.timeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.timeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.direction = options.enums === $String ? "DIRECTION_UNSPECIFIED" : 0;
                    object.method = options.enums === $String ? "METHOD_UNSPECIFIED" : 0;
                    object.cardNo = "";
                }
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.userid != null && $Object.hasOwnProperty.call(message, "userid"))
                    object.userid = message.userid;
                if (message.timeMs != null && $Object.hasOwnProperty.call(message, "timeMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.timeMs = typeof message.timeMs === "number" ? $BigInt(message.timeMs) : $util.Long.fromBits(message.timeMs.low >>> 0, message.timeMs.high >>> 0, true).toBigInt();
                    else if (typeof message.timeMs === "number")
                        object.timeMs = options.longs === $String ? $String(message.timeMs) : message.timeMs;
                    else
                        object.timeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.timeMs) : options.longs === $Number ? new $util.LongBits(message.timeMs.low >>> 0, message.timeMs.high >>> 0).toNumber(true) : message.timeMs;
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                    object.direction = options.enums === $String ? $root.hwbind.v1.Direction[message.direction] === $undefined ? message.direction : $root.hwbind.v1.Direction[message.direction] : message.direction;
                if (message.method != null && $Object.hasOwnProperty.call(message, "method"))
                    object.method = options.enums === $String ? $root.hwbind.v1.Method[message.method] === $undefined ? message.method : $root.hwbind.v1.Method[message.method] : message.method;
                if (message.cardNo != null && $Object.hasOwnProperty.call(message, "cardNo"))
                    object.cardNo = message.cardNo;
                return object;
            };

            Record.prototype.toJSON = function() {
                return Record.toObject(this, $protobuf.util.toJSONOptions);
            };

            Record.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Record";
            };

            return Record;
        })();

        v1.RecordBatch = (function() {

            const RecordBatch = function (properties) {
                this.records = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            RecordBatch.prototype.records = $util.emptyArray;

            RecordBatch.create = function(properties) {
                return new RecordBatch(properties);
            };

            RecordBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.records != null && message.records.length)
                    for (let i = 0; i < message.records.length; ++i)
                        $root.hwbind.v1.Record.encode(message.records[i], writer.uint32(10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            RecordBatch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            RecordBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.RecordBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.records && message.records.length))
                                message.records = [];
                            message.records.push($root.hwbind.v1.Record.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            RecordBatch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            RecordBatch.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.records != null && $Object.hasOwnProperty.call(message, "records")) {
                    if (!$Array.isArray(message.records))
                        return "records: array expected";
                    for (let i = 0; i < message.records.length; ++i) {
                        let error = $root.hwbind.v1.Record.verify(message.records[i], _depth + 1);
                        if (error)
                            return "records." + error;
                    }
                }
                return null;
            };

            RecordBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.RecordBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.RecordBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.RecordBatch();
                if (object.records) {
                    if (!$Array.isArray(object.records))
                        throw $TypeError(".hwbind.v1.RecordBatch.records: array expected");
                    message.records = $Array(object.records.length);
                    for (let i = 0; i < object.records.length; ++i) {
                        if (!$util.isObject(object.records[i]))
                            throw $TypeError(".hwbind.v1.RecordBatch.records: object expected");
                        message.records[i] = $root.hwbind.v1.Record.fromObject(object.records[i], _depth + 1);
                    }
                }
                return message;
            };

            RecordBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.records = [];
                if (message.records && message.records.length) {
                    object.records = $Array(message.records.length);
                    for (let j = 0; j < message.records.length; ++j)
                        object.records[j] = $root.hwbind.v1.Record.toObject(message.records[j], options, _depth + 1);
                }
                return object;
            };

            RecordBatch.prototype.toJSON = function() {
                return RecordBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            RecordBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.RecordBatch";
            };

            return RecordBatch;
        })();

        v1.RejectedRecord = (function() {

            const RejectedRecord = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            RejectedRecord.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            RejectedRecord.prototype.code = "";

            RejectedRecord.create = function(properties) {
                return new RejectedRecord(properties);
            };

            RejectedRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(8).uint64(message.seq);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(18).string(message.code);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            RejectedRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            RejectedRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.RejectedRecord();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            RejectedRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            RejectedRecord.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                return null;
            };

            RejectedRecord.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.RejectedRecord)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.RejectedRecord: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.RejectedRecord();
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                return message;
            };

            RejectedRecord.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.code = "";
                }
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                return object;
            };

            RejectedRecord.prototype.toJSON = function() {
                return RejectedRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            RejectedRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.RejectedRecord";
            };

            return RejectedRecord;
        })();

        v1.RecordAck = (function() {

            const RecordAck = function (properties) {
                this.stored = [];
                this.rejected = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            RecordAck.prototype.stored = $util.emptyArray;
            RecordAck.prototype.rejected = $util.emptyArray;

            RecordAck.create = function(properties) {
                return new RecordAck(properties);
            };

            RecordAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.stored != null && message.stored.length)
                    writer.uint32(10).uint64s(message.stored);
                if (message.rejected != null && message.rejected.length)
                    for (let i = 0; i < message.rejected.length; ++i)
                        $root.hwbind.v1.RejectedRecord.encode(message.rejected[i], writer.uint32(18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            RecordAck.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            RecordAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.RecordAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType === 2) {
                                if (!(message.stored && message.stored.length))
                                    message.stored = [];
                                reader.uint64s(message.stored);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.stored && message.stored.length))
                                message.stored = [];
                            message.stored.push(reader.uint64());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.rejected && message.rejected.length))
                                message.rejected = [];
                            message.rejected.push($root.hwbind.v1.RejectedRecord.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            RecordAck.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            RecordAck.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.stored != null && $Object.hasOwnProperty.call(message, "stored")) {
                    if (!$Array.isArray(message.stored))
                        return "stored: array expected";
                    for (let i = 0; i < message.stored.length; ++i)
                        if (!$util.isInteger(message.stored[i]) && !(message.stored[i] && $util.isInteger(message.stored[i].low) && $util.isInteger(message.stored[i].high)))
                            return "stored: integer|Long[] expected";
                }
                if (message.rejected != null && $Object.hasOwnProperty.call(message, "rejected")) {
                    if (!$Array.isArray(message.rejected))
                        return "rejected: array expected";
                    for (let i = 0; i < message.rejected.length; ++i) {
                        let error = $root.hwbind.v1.RejectedRecord.verify(message.rejected[i], _depth + 1);
                        if (error)
                            return "rejected." + error;
                    }
                }
                return null;
            };

            RecordAck.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.RecordAck)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.RecordAck: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.RecordAck();
                if (object.stored) {
                    if (!$Array.isArray(object.stored))
                        throw $TypeError(".hwbind.v1.RecordAck.stored: array expected");
                    message.stored = $Array(object.stored.length);
                    for (let i = 0; i < object.stored.length; ++i)
                        if ($util.Long)
                            message.stored[i] = $util.Long.fromValue(object.stored[i], true);
                        else if (typeof object.stored[i] === "string")
                            message.stored[i] = $parseInt(object.stored[i], 10);
                        else if (typeof object.stored[i] === "number")
                            message.stored[i] = object.stored[i];
                        else if (typeof object.stored[i] === "object")
                            message.stored[i] = new $util.LongBits(object.stored[i].low >>> 0, object.stored[i].high >>> 0).toNumber(true);
                }
                if (object.rejected) {
                    if (!$Array.isArray(object.rejected))
                        throw $TypeError(".hwbind.v1.RecordAck.rejected: array expected");
                    message.rejected = $Array(object.rejected.length);
                    for (let i = 0; i < object.rejected.length; ++i) {
                        if (!$util.isObject(object.rejected[i]))
                            throw $TypeError(".hwbind.v1.RecordAck.rejected: object expected");
                        message.rejected[i] = $root.hwbind.v1.RejectedRecord.fromObject(object.rejected[i], _depth + 1);
                    }
                }
                return message;
            };

            RecordAck.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.stored = [];
                    object.rejected = [];
                }
                if (message.stored && message.stored.length) {
                    object.stored = $Array(message.stored.length);
                    for (let j = 0; j < message.stored.length; ++j)
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.stored[j] = typeof message.stored[j] === "number" ? $BigInt(message.stored[j]) : $util.Long.fromBits(message.stored[j].low >>> 0, message.stored[j].high >>> 0, true).toBigInt();
                        else if (typeof message.stored[j] === "number")
                            object.stored[j] = options.longs === $String ? $String(message.stored[j]) : message.stored[j];
                        else
                            object.stored[j] = options.longs === $String ? $util.Long.prototype.toString.call(message.stored[j]) : options.longs === $Number ? new $util.LongBits(message.stored[j].low >>> 0, message.stored[j].high >>> 0).toNumber(true) : message.stored[j];
                }
                if (message.rejected && message.rejected.length) {
                    object.rejected = $Array(message.rejected.length);
                    for (let j = 0; j < message.rejected.length; ++j)
                        object.rejected[j] = $root.hwbind.v1.RejectedRecord.toObject(message.rejected[j], options, _depth + 1);
                }
                return object;
            };

            RecordAck.prototype.toJSON = function() {
                return RecordAck.toObject(this, $protobuf.util.toJSONOptions);
            };

            RecordAck.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.RecordAck";
            };

            return RecordAck;
        })();

        v1.DoorOpen = (function() {

            const DoorOpen = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            DoorOpen.prototype.operationId = "";
            DoorOpen.prototype.requestedBy = "";
            DoorOpen.prototype.holdMs = 0;

            DoorOpen.create = function(properties) {
                return new DoorOpen(properties);
            };

            DoorOpen.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId") && message.operationId !== "")
                    writer.uint32(10).string(message.operationId);
                if (message.requestedBy != null && $Object.hasOwnProperty.call(message, "requestedBy") && message.requestedBy !== "")
                    writer.uint32(18).string(message.requestedBy);
                if (message.holdMs != null && $Object.hasOwnProperty.call(message, "holdMs") && message.holdMs !== 0)
                    writer.uint32(24).uint32(message.holdMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            DoorOpen.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            DoorOpen.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.DoorOpen();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.operationId = value;
                            else
                                delete message.operationId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestedBy = value;
                            else
                                delete message.requestedBy;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.holdMs = value;
                            else
                                delete message.holdMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            DoorOpen.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            DoorOpen.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    if (!$util.isString(message.operationId))
                        return "operationId: string expected";
                if (message.requestedBy != null && $Object.hasOwnProperty.call(message, "requestedBy"))
                    if (!$util.isString(message.requestedBy))
                        return "requestedBy: string expected";
                if (message.holdMs != null && $Object.hasOwnProperty.call(message, "holdMs"))
                    if (!$util.isInteger(message.holdMs))
                        return "holdMs: integer expected";
                return null;
            };

            DoorOpen.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.DoorOpen)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.DoorOpen: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.DoorOpen();
                if (object.operationId != null)
                    if (typeof object.operationId !== "string" || object.operationId.length)
                        message.operationId = $String(object.operationId);
                if (object.requestedBy != null)
                    if (typeof object.requestedBy !== "string" || object.requestedBy.length)
                        message.requestedBy = $String(object.requestedBy);
                if (object.holdMs != null)
                    if ($Number(object.holdMs) !== 0)
                        message.holdMs = object.holdMs >>> 0;
                return message;
            };

            DoorOpen.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.operationId = "";
                    object.requestedBy = "";
                    object.holdMs = 0;
                }
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    object.operationId = message.operationId;
                if (message.requestedBy != null && $Object.hasOwnProperty.call(message, "requestedBy"))
                    object.requestedBy = message.requestedBy;
                if (message.holdMs != null && $Object.hasOwnProperty.call(message, "holdMs"))
                    object.holdMs = message.holdMs;
                return object;
            };

            DoorOpen.prototype.toJSON = function() {
                return DoorOpen.toObject(this, $protobuf.util.toJSONOptions);
            };

            DoorOpen.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.DoorOpen";
            };

            return DoorOpen;
        })();

        v1.DoorResult = (function() {

            const DoorResult = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            DoorResult.prototype.operationId = "";
            DoorResult.prototype.opened = false;
            DoorResult.prototype.code = "";

            DoorResult.create = function(properties) {
                return new DoorResult(properties);
            };

            DoorResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId") && message.operationId !== "")
                    writer.uint32(10).string(message.operationId);
                if (message.opened != null && $Object.hasOwnProperty.call(message, "opened") && message.opened !== false)
                    writer.uint32(16).bool(message.opened);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(26).string(message.code);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            DoorResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            DoorResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.DoorResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.operationId = value;
                            else
                                delete message.operationId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.opened = value;
                            else
                                delete message.opened;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            DoorResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            DoorResult.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    if (!$util.isString(message.operationId))
                        return "operationId: string expected";
                if (message.opened != null && $Object.hasOwnProperty.call(message, "opened"))
                    if (typeof message.opened !== "boolean")
                        return "opened: boolean expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                return null;
            };

            DoorResult.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.DoorResult)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.DoorResult: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.DoorResult();
                if (object.operationId != null)
                    if (typeof object.operationId !== "string" || object.operationId.length)
                        message.operationId = $String(object.operationId);
                if (object.opened != null)
                    if (object.opened)
                        message.opened = $Boolean(object.opened);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                return message;
            };

            DoorResult.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.operationId = "";
                    object.opened = false;
                    object.code = "";
                }
                if (message.operationId != null && $Object.hasOwnProperty.call(message, "operationId"))
                    object.operationId = message.operationId;
                if (message.opened != null && $Object.hasOwnProperty.call(message, "opened"))
                    object.opened = message.opened;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                return object;
            };

            DoorResult.prototype.toJSON = function() {
                return DoorResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            DoorResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.DoorResult";
            };

            return DoorResult;
        })();

        v1.FirmwareOffer = (function() {

            const FirmwareOffer = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            FirmwareOffer.prototype.jobId = "";
            FirmwareOffer.prototype.version = "";
            FirmwareOffer.prototype.size = 0;
            FirmwareOffer.prototype.sha256 = $util.newBuffer([]);
            FirmwareOffer.prototype.chunkSize = 0;
            FirmwareOffer.prototype.releaseNotes = "";
            FirmwareOffer.prototype.test = false;
            FirmwareOffer.prototype.model = "";
            FirmwareOffer.prototype.bindingId = "";
            FirmwareOffer.prototype.allowDowngrade = false;

            FirmwareOffer.create = function(properties) {
                return new FirmwareOffer(properties);
            };

            FirmwareOffer.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId") && message.jobId !== "")
                    writer.uint32(10).string(message.jobId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(18).string(message.version);
                if (message.size != null && $Object.hasOwnProperty.call(message, "size") && message.size !== 0)
                    writer.uint32(24).uint32(message.size);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256.length)
                    writer.uint32(34).bytes(message.sha256);
                if (message.chunkSize != null && $Object.hasOwnProperty.call(message, "chunkSize") && message.chunkSize !== 0)
                    writer.uint32(40).uint32(message.chunkSize);
                if (message.releaseNotes != null && $Object.hasOwnProperty.call(message, "releaseNotes") && message.releaseNotes !== "")
                    writer.uint32(50).string(message.releaseNotes);
                if (message.test != null && $Object.hasOwnProperty.call(message, "test") && message.test !== false)
                    writer.uint32(56).bool(message.test);
                if (message.model != null && $Object.hasOwnProperty.call(message, "model") && message.model !== "")
                    writer.uint32(66).string(message.model);
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId") && message.bindingId !== "")
                    writer.uint32(74).string(message.bindingId);
                if (message.allowDowngrade != null && $Object.hasOwnProperty.call(message, "allowDowngrade") && message.allowDowngrade !== false)
                    writer.uint32(80).bool(message.allowDowngrade);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            FirmwareOffer.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            FirmwareOffer.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.FirmwareOffer();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.jobId = value;
                            else
                                delete message.jobId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.size = value;
                            else
                                delete message.size;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkSize = value;
                            else
                                delete message.chunkSize;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.releaseNotes = value;
                            else
                                delete message.releaseNotes;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.test = value;
                            else
                                delete message.test;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.model = value;
                            else
                                delete message.model;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.bindingId = value;
                            else
                                delete message.bindingId;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.allowDowngrade = value;
                            else
                                delete message.allowDowngrade;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            FirmwareOffer.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            FirmwareOffer.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    if (!$util.isInteger(message.size))
                        return "size: integer expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!(message.sha256 && typeof message.sha256.length === "number" || $util.isString(message.sha256)))
                        return "sha256: buffer expected";
                if (message.chunkSize != null && $Object.hasOwnProperty.call(message, "chunkSize"))
                    if (!$util.isInteger(message.chunkSize))
                        return "chunkSize: integer expected";
                if (message.releaseNotes != null && $Object.hasOwnProperty.call(message, "releaseNotes"))
                    if (!$util.isString(message.releaseNotes))
                        return "releaseNotes: string expected";
                if (message.test != null && $Object.hasOwnProperty.call(message, "test"))
                    if (typeof message.test !== "boolean")
                        return "test: boolean expected";
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    if (!$util.isString(message.model))
                        return "model: string expected";
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    if (!$util.isString(message.bindingId))
                        return "bindingId: string expected";
                if (message.allowDowngrade != null && $Object.hasOwnProperty.call(message, "allowDowngrade"))
                    if (typeof message.allowDowngrade !== "boolean")
                        return "allowDowngrade: boolean expected";
                return null;
            };

            FirmwareOffer.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.FirmwareOffer)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.FirmwareOffer: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.FirmwareOffer();
                if (object.jobId != null)
                    if (typeof object.jobId !== "string" || object.jobId.length)
                        message.jobId = $String(object.jobId);
                if (object.version != null)
                    if (typeof object.version !== "string" || object.version.length)
                        message.version = $String(object.version);
                if (object.size != null)
                    if ($Number(object.size) !== 0)
                        message.size = object.size >>> 0;
                if (object.sha256 != null)
                    if (object.sha256.length)
                        if (typeof object.sha256 === "string")
                            $util.base64.decode(object.sha256, message.sha256 = $util.newBuffer($util.base64.length(object.sha256)), 0);
                        else if (object.sha256.length >= 0)
                            message.sha256 = object.sha256;
                if (object.chunkSize != null)
                    if ($Number(object.chunkSize) !== 0)
                        message.chunkSize = object.chunkSize >>> 0;
                if (object.releaseNotes != null)
                    if (typeof object.releaseNotes !== "string" || object.releaseNotes.length)
                        message.releaseNotes = $String(object.releaseNotes);
                if (object.test != null)
                    if (object.test)
                        message.test = $Boolean(object.test);
                if (object.model != null)
                    if (typeof object.model !== "string" || object.model.length)
                        message.model = $String(object.model);
                if (object.bindingId != null)
                    if (typeof object.bindingId !== "string" || object.bindingId.length)
                        message.bindingId = $String(object.bindingId);
                if (object.allowDowngrade != null)
                    if (object.allowDowngrade)
                        message.allowDowngrade = $Boolean(object.allowDowngrade);
                return message;
            };

            FirmwareOffer.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.jobId = "";
                    object.version = "";
                    object.size = 0;
                    if (options.bytes === $String)
                        object.sha256 = "";
                    else {
                        object.sha256 = [];
                        if (options.bytes !== $Array)
                            object.sha256 = $util.newBuffer(object.sha256);
                    }
                    object.chunkSize = 0;
                    object.releaseNotes = "";
                    object.test = false;
                    object.model = "";
                    object.bindingId = "";
                    object.allowDowngrade = false;
                }
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    object.size = message.size;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = options.bytes === $String ? $util.base64.encode(message.sha256, 0, message.sha256.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sha256) : message.sha256;
                if (message.chunkSize != null && $Object.hasOwnProperty.call(message, "chunkSize"))
                    object.chunkSize = message.chunkSize;
                if (message.releaseNotes != null && $Object.hasOwnProperty.call(message, "releaseNotes"))
                    object.releaseNotes = message.releaseNotes;
                if (message.test != null && $Object.hasOwnProperty.call(message, "test"))
                    object.test = message.test;
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    object.model = message.model;
                if (message.bindingId != null && $Object.hasOwnProperty.call(message, "bindingId"))
                    object.bindingId = message.bindingId;
                if (message.allowDowngrade != null && $Object.hasOwnProperty.call(message, "allowDowngrade"))
                    object.allowDowngrade = message.allowDowngrade;
                return object;
            };

            FirmwareOffer.prototype.toJSON = function() {
                return FirmwareOffer.toObject(this, $protobuf.util.toJSONOptions);
            };

            FirmwareOffer.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.FirmwareOffer";
            };

            return FirmwareOffer;
        })();

        v1.FirmwareChunkRequest = (function() {

            const FirmwareChunkRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            FirmwareChunkRequest.prototype.jobId = "";
            FirmwareChunkRequest.prototype.offset = 0;
            FirmwareChunkRequest.prototype.length = 0;

            FirmwareChunkRequest.create = function(properties) {
                return new FirmwareChunkRequest(properties);
            };

            FirmwareChunkRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId") && message.jobId !== "")
                    writer.uint32(10).string(message.jobId);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== 0)
                    writer.uint32(16).uint32(message.offset);
                if (message.length != null && $Object.hasOwnProperty.call(message, "length") && message.length !== 0)
                    writer.uint32(24).uint32(message.length);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            FirmwareChunkRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            FirmwareChunkRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.FirmwareChunkRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.jobId = value;
                            else
                                delete message.jobId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.length = value;
                            else
                                delete message.length;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            FirmwareChunkRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            FirmwareChunkRequest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    if (!$util.isInteger(message.offset))
                        return "offset: integer expected";
                if (message.length != null && $Object.hasOwnProperty.call(message, "length"))
                    if (!$util.isInteger(message.length))
                        return "length: integer expected";
                return null;
            };

            FirmwareChunkRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.FirmwareChunkRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.FirmwareChunkRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.FirmwareChunkRequest();
                if (object.jobId != null)
                    if (typeof object.jobId !== "string" || object.jobId.length)
                        message.jobId = $String(object.jobId);
                if (object.offset != null)
                    if ($Number(object.offset) !== 0)
                        message.offset = object.offset >>> 0;
                if (object.length != null)
                    if ($Number(object.length) !== 0)
                        message.length = object.length >>> 0;
                return message;
            };

            FirmwareChunkRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.jobId = "";
                    object.offset = 0;
                    object.length = 0;
                }
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    object.offset = message.offset;
                if (message.length != null && $Object.hasOwnProperty.call(message, "length"))
                    object.length = message.length;
                return object;
            };

            FirmwareChunkRequest.prototype.toJSON = function() {
                return FirmwareChunkRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            FirmwareChunkRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.FirmwareChunkRequest";
            };

            return FirmwareChunkRequest;
        })();

        v1.FirmwareChunk = (function() {

            const FirmwareChunk = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            FirmwareChunk.prototype.jobId = "";
            FirmwareChunk.prototype.offset = 0;
            FirmwareChunk.prototype.data = $util.newBuffer([]);

            FirmwareChunk.create = function(properties) {
                return new FirmwareChunk(properties);
            };

            FirmwareChunk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId") && message.jobId !== "")
                    writer.uint32(10).string(message.jobId);
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && message.offset !== 0)
                    writer.uint32(16).uint32(message.offset);
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(26).bytes(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            FirmwareChunk.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            FirmwareChunk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.FirmwareChunk();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.jobId = value;
                            else
                                delete message.jobId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.offset = value;
                            else
                                delete message.offset;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            FirmwareChunk.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            FirmwareChunk.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    if (!$util.isInteger(message.offset))
                        return "offset: integer expected";
                if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                    if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                        return "data: buffer expected";
                return null;
            };

            FirmwareChunk.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.FirmwareChunk)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.FirmwareChunk: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.FirmwareChunk();
                if (object.jobId != null)
                    if (typeof object.jobId !== "string" || object.jobId.length)
                        message.jobId = $String(object.jobId);
                if (object.offset != null)
                    if ($Number(object.offset) !== 0)
                        message.offset = object.offset >>> 0;
                if (object.data != null)
                    if (object.data.length)
                        if (typeof object.data === "string")
                            $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                        else if (object.data.length >= 0)
                            message.data = object.data;
                return message;
            };

            FirmwareChunk.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.jobId = "";
                    object.offset = 0;
                    if (options.bytes === $String)
                        object.data = "";
                    else {
                        object.data = [];
                        if (options.bytes !== $Array)
                            object.data = $util.newBuffer(object.data);
                    }
                }
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.offset != null && $Object.hasOwnProperty.call(message, "offset"))
                    object.offset = message.offset;
                if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                    object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
                return object;
            };

            FirmwareChunk.prototype.toJSON = function() {
                return FirmwareChunk.toObject(this, $protobuf.util.toJSONOptions);
            };

            FirmwareChunk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.FirmwareChunk";
            };

            return FirmwareChunk;
        })();

        v1.FirmwareState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "FIRMWARE_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "FIRMWARE_STATE_DOWNLOADING"] = 1;
            values[valuesById[2] = "FIRMWARE_STATE_DOWNLOADED"] = 2;
            values[valuesById[3] = "FIRMWARE_STATE_VERIFIED"] = 3;
            values[valuesById[4] = "FIRMWARE_STATE_UPDATING"] = 4;
            values[valuesById[5] = "FIRMWARE_STATE_REBOOTING"] = 5;
            return values;
        })();

        v1.FirmwareProgress = (function() {

            const FirmwareProgress = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            FirmwareProgress.prototype.jobId = "";
            FirmwareProgress.prototype.state = 0;
            FirmwareProgress.prototype.bytesDone = 0;
            FirmwareProgress.prototype.percent = 0;

            FirmwareProgress.create = function(properties) {
                return new FirmwareProgress(properties);
            };

            FirmwareProgress.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId") && message.jobId !== "")
                    writer.uint32(10).string(message.jobId);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(16).int32(message.state);
                if (message.bytesDone != null && $Object.hasOwnProperty.call(message, "bytesDone") && message.bytesDone !== 0)
                    writer.uint32(24).uint32(message.bytesDone);
                if (message.percent != null && $Object.hasOwnProperty.call(message, "percent") && message.percent !== 0)
                    writer.uint32(32).uint32(message.percent);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            FirmwareProgress.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            FirmwareProgress.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.FirmwareProgress();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.jobId = value;
                            else
                                delete message.jobId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.bytesDone = value;
                            else
                                delete message.bytesDone;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.percent = value;
                            else
                                delete message.percent;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            FirmwareProgress.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            FirmwareProgress.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                if (message.bytesDone != null && $Object.hasOwnProperty.call(message, "bytesDone"))
                    if (!$util.isInteger(message.bytesDone))
                        return "bytesDone: integer expected";
                if (message.percent != null && $Object.hasOwnProperty.call(message, "percent"))
                    if (!$util.isInteger(message.percent))
                        return "percent: integer expected";
                return null;
            };

            FirmwareProgress.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.FirmwareProgress)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.FirmwareProgress: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.FirmwareProgress();
                if (object.jobId != null)
                    if (typeof object.jobId !== "string" || object.jobId.length)
                        message.jobId = $String(object.jobId);
                if (object.state !== 0 && (typeof object.state !== "string" || $root.hwbind.v1.FirmwareState[object.state] !== 0))
                    switch (object.state) {
                    case "FIRMWARE_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "FIRMWARE_STATE_DOWNLOADING":
                    case 1:
                        message.state = 1;
                        break;
                    case "FIRMWARE_STATE_DOWNLOADED":
                    case 2:
                        message.state = 2;
                        break;
                    case "FIRMWARE_STATE_VERIFIED":
                    case 3:
                        message.state = 3;
                        break;
                    case "FIRMWARE_STATE_UPDATING":
                    case 4:
                        message.state = 4;
                        break;
                    case "FIRMWARE_STATE_REBOOTING":
                    case 5:
                        message.state = 5;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                if (object.bytesDone != null)
                    if ($Number(object.bytesDone) !== 0)
                        message.bytesDone = object.bytesDone >>> 0;
                if (object.percent != null)
                    if ($Number(object.percent) !== 0)
                        message.percent = object.percent >>> 0;
                return message;
            };

            FirmwareProgress.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.jobId = "";
                    object.state = options.enums === $String ? "FIRMWARE_STATE_UNSPECIFIED" : 0;
                    object.bytesDone = 0;
                    object.percent = 0;
                }
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.hwbind.v1.FirmwareState[message.state] === $undefined ? message.state : $root.hwbind.v1.FirmwareState[message.state] : message.state;
                if (message.bytesDone != null && $Object.hasOwnProperty.call(message, "bytesDone"))
                    object.bytesDone = message.bytesDone;
                if (message.percent != null && $Object.hasOwnProperty.call(message, "percent"))
                    object.percent = message.percent;
                return object;
            };

            FirmwareProgress.prototype.toJSON = function() {
                return FirmwareProgress.toObject(this, $protobuf.util.toJSONOptions);
            };

            FirmwareProgress.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.FirmwareProgress";
            };

            return FirmwareProgress;
        })();

        v1.FirmwareOutcome = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "FIRMWARE_OUTCOME_UNSPECIFIED"] = 0;
            values[valuesById[1] = "FIRMWARE_OUTCOME_SUCCEEDED"] = 1;
            values[valuesById[2] = "FIRMWARE_OUTCOME_FAILED"] = 2;
            values[valuesById[3] = "FIRMWARE_OUTCOME_REJECTED"] = 3;
            values[valuesById[4] = "FIRMWARE_OUTCOME_REVERTED"] = 4;
            return values;
        })();

        v1.FirmwareResult = (function() {

            const FirmwareResult = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            FirmwareResult.prototype.jobId = "";
            FirmwareResult.prototype.outcome = 0;
            FirmwareResult.prototype.version = "";
            FirmwareResult.prototype.code = "";
            FirmwareResult.prototype.message = "";

            FirmwareResult.create = function(properties) {
                return new FirmwareResult(properties);
            };

            FirmwareResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId") && message.jobId !== "")
                    writer.uint32(10).string(message.jobId);
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome") && message.outcome !== 0)
                    writer.uint32(16).int32(message.outcome);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(26).string(message.version);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(34).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(42).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            FirmwareResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            FirmwareResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.FirmwareResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.jobId = value;
                            else
                                delete message.jobId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.outcome = value;
                            else
                                delete message.outcome;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            FirmwareResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            FirmwareResult.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    if (!$util.isString(message.jobId))
                        return "jobId: string expected";
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome"))
                    if (typeof message.outcome !== "number" || (message.outcome | 0) !== message.outcome)
                        return "outcome: enum value expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                return null;
            };

            FirmwareResult.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.FirmwareResult)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.FirmwareResult: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.FirmwareResult();
                if (object.jobId != null)
                    if (typeof object.jobId !== "string" || object.jobId.length)
                        message.jobId = $String(object.jobId);
                if (object.outcome !== 0 && (typeof object.outcome !== "string" || $root.hwbind.v1.FirmwareOutcome[object.outcome] !== 0))
                    switch (object.outcome) {
                    case "FIRMWARE_OUTCOME_UNSPECIFIED":
                    case 0:
                        message.outcome = 0;
                        break;
                    case "FIRMWARE_OUTCOME_SUCCEEDED":
                    case 1:
                        message.outcome = 1;
                        break;
                    case "FIRMWARE_OUTCOME_FAILED":
                    case 2:
                        message.outcome = 2;
                        break;
                    case "FIRMWARE_OUTCOME_REJECTED":
                    case 3:
                        message.outcome = 3;
                        break;
                    case "FIRMWARE_OUTCOME_REVERTED":
                    case 4:
                        message.outcome = 4;
                        break;
                    default:
                        if (typeof object.outcome === "number" && (object.outcome | 0) === object.outcome)
                            message.outcome = object.outcome;
                    }
                if (object.version != null)
                    if (typeof object.version !== "string" || object.version.length)
                        message.version = $String(object.version);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                return message;
            };

            FirmwareResult.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.jobId = "";
                    object.outcome = options.enums === $String ? "FIRMWARE_OUTCOME_UNSPECIFIED" : 0;
                    object.version = "";
                    object.code = "";
                    object.message = "";
                }
                if (message.jobId != null && $Object.hasOwnProperty.call(message, "jobId"))
                    object.jobId = message.jobId;
                if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome"))
                    object.outcome = options.enums === $String ? $root.hwbind.v1.FirmwareOutcome[message.outcome] === $undefined ? message.outcome : $root.hwbind.v1.FirmwareOutcome[message.outcome] : message.outcome;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                return object;
            };

            FirmwareResult.prototype.toJSON = function() {
                return FirmwareResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            FirmwareResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.FirmwareResult";
            };

            return FirmwareResult;
        })();

        v1.Ack = (function() {

            const Ack = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            Ack.create = function(properties) {
                return new Ack(properties);
            };

            Ack.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            Ack.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            Ack.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.Ack();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            Ack.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            Ack.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                return null;
            };

            Ack.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.Ack)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.Ack: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                return new $root.hwbind.v1.Ack();
            };

            Ack.toObject = function () {
                return {};
            };

            Ack.prototype.toJSON = function() {
                return Ack.toObject(this, $protobuf.util.toJSONOptions);
            };

            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.Ack";
            };

            return Ack;
        })();

        v1.ErrorReply = (function() {

            const ErrorReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            ErrorReply.prototype.code = "";
            ErrorReply.prototype.message = "";
            ErrorReply.prototype.topic = "";

            ErrorReply.create = function(properties) {
                return new ErrorReply(properties);
            };

            ErrorReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(10).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(18).string(message.message);
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                    writer.uint32(26).string(message.topic);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            ErrorReply.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            ErrorReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.hwbind.v1.ErrorReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.topic = value;
                            else
                                delete message.topic;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            ErrorReply.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            ErrorReply.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic"))
                    if (!$util.isString(message.topic))
                        return "topic: string expected";
                return null;
            };

            ErrorReply.fromObject = function (object, _depth) {
                if (object instanceof $root.hwbind.v1.ErrorReply)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".hwbind.v1.ErrorReply: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.hwbind.v1.ErrorReply();
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.topic != null)
                    if (typeof object.topic !== "string" || object.topic.length)
                        message.topic = $String(object.topic);
                return message;
            };

            ErrorReply.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.code = "";
                    object.message = "";
                    object.topic = "";
                }
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic"))
                    object.topic = message.topic;
                return object;
            };

            ErrorReply.prototype.toJSON = function() {
                return ErrorReply.toObject(this, $protobuf.util.toJSONOptions);
            };

            ErrorReply.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hwbind.v1.ErrorReply";
            };

            return ErrorReply;
        })();

        return v1;
    })();

    return hwbind;
})();

export {
  $root as default
};
